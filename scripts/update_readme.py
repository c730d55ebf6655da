"""Regenerate the README blocks that come from code (the metric catalog, the permission table).
tests/test_readme.py checks them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics.auth import permissions  # noqa: E402
from analytics.metrics import markdown_table  # noqa: E402

README = ROOT / "README.md"
BLOCKS = {"metrics": markdown_table, "permissions": permissions.markdown_table}


def render(text: str) -> str:
    for name, table in BLOCKS.items():
        block = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        text = block.sub(lambda match, table=table: match.group(1) + table() + "\n" + match.group(2), text)
    return text


if __name__ == "__main__":
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
