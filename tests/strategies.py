"""Hypothesis strategies shared by the property tests: a random little town (centers, parks, enterprises)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

FLAGS = ("is_above_scale", "is_high_tech", "is_listed", "is_eagle")


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def subsets(names: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    """Half the time no filter at all, else some (possibly all) of `names`."""
    chosen = st.lists(st.sampled_from(names), min_size=1, unique=True, max_size=len(names)).map(tuple)
    return st.one_of(st.just(()), chosen) if names else st.just(())


@dataclass
class Town:
    rows: dict[str, list[dict[str, Any]]]  # centers, parks, enterprises
    centers: list[str]
    parks: dict[str, str]  # park -> center
    usccs: list[str]


@st.composite
def towns(
    draw, enterprises: tuple[int, int], drawn_flags: tuple[str, ...] = FLAGS, employees: bool = True
) -> Town:
    """1–3 centers, 1–4 parks, `enterprises` (min, max) enterprises; flags not in `drawn_flags` are false."""
    centers = [f"C{i}" for i in range(draw(st.integers(1, 3)))]
    parks = {f"P{i}": draw(st.sampled_from(centers)) for i in range(draw(st.integers(1, 4)))}
    usccs = [f"E{i}" for i in range(draw(st.integers(*enterprises)))]
    rows = {
        "centers": [
            {
                "center": name,
                "is_illustrative": draw(st.booleans()),
                "sort_order": draw(maybe(st.integers(0, 2))),
            }
            for name in centers
        ],
        "parks": [{"park": park, "center": center} for park, center in parks.items()],
        "enterprises": [
            {
                "uscc": uscc,
                "name": f"企业{uscc}",
                "park": draw(st.sampled_from(list(parks))),
                **{flag: draw(st.booleans()) if flag in drawn_flags else False for flag in FLAGS},
                **({"employees": draw(maybe(st.integers(0, 300)))} if employees else {}),
            }
            for uscc in usccs
        ],
    }
    return Town(rows, centers, parks, usccs)
