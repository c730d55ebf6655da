"""The README's two commands and its metric table stay true."""

import re
from pathlib import Path

from scripts.update_readme import GENERATED, README, render

ROOT = Path(__file__).resolve().parent.parent


def test_metric_and_permission_tables_are_generated_from_the_code():
    text = README.read_text(encoding="utf-8")
    assert "<!-- metrics:start -->" in text and "<!-- permissions:start -->" in text
    assert render(text) == text, "run: python scripts/update_readme.py"


def test_docs_blocks_are_generated_from_the_catalog_and_the_dataset_spec():
    for path in GENERATED:
        text = path.read_text(encoding="utf-8")
        assert "start -->" in text, path
        assert render(text) == text, f"{path}: run python scripts/update_readme.py"


def test_the_readme_and_docs_point_only_inside_the_clone():
    for path in [README, *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text, path
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if not target.startswith("http"):
                assert (path.parent / target).exists(), f"{path}: {target}"


def test_ci_runs_the_readme_test_command():
    text = README.read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in text
    assert "pip install -r requirements.txt && streamlit run dashboard.py" in text
    assert "exec bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
