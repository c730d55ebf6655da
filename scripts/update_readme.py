"""Regenerate the blocks of the README and docs/ that come from code (the metric catalog, the permission
table, the dataset columns). tests/test_readme.py checks them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics.auth import permissions  # noqa: E402
from analytics.intake.spec import DATASETS, markdown_columns  # noqa: E402
from analytics.metrics import RANKING_CATALOG, markdown_table  # noqa: E402

README = ROOT / "README.md"
GENERATED = (README, ROOT / "docs" / "metrics.md", ROOT / "docs" / "datasets.md")
BLOCK = re.compile(r"(<!-- (?P<name>[\w:]+):start -->\n).*?(<!-- (?P=name):end -->)", re.DOTALL)
TABLES = {
    "metrics": markdown_table,
    "ranking": lambda: markdown_table(RANKING_CATALOG),
    "permissions": permissions.markdown_table,
}


def _block(name: str) -> str:
    if name in TABLES:
        return TABLES[name]()
    kind, dataset = name.split(":")
    assert kind == "columns", name
    return markdown_columns(DATASETS[dataset])


def render(text: str) -> str:
    return BLOCK.sub(lambda match: match.group(1) + _block(match.group("name")) + "\n" + match.group(3), text)


if __name__ == "__main__":
    for path in GENERATED:
        path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
