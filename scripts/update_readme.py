"""Regenerate the README blocks that come from code (the metric catalog). tests/test_readme.py checks them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics.metrics import RANKING_CATALOG, markdown_table  # noqa: E402

README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- metrics:start -->\n).*?(<!-- metrics:end -->)", re.DOTALL)
RANKING_BLOCK = re.compile(r"(<!-- ranking:start -->\n).*?(<!-- ranking:end -->)", re.DOTALL)


def render(text: str) -> str:
    text = BLOCK.sub(lambda match: match.group(1) + markdown_table() + "\n" + match.group(2), text)
    return RANKING_BLOCK.sub(
        lambda match: match.group(1) + markdown_table(RANKING_CATALOG) + "\n" + match.group(2), text
    )


if __name__ == "__main__":
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
