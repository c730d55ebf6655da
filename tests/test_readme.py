"""The README's two commands and its metric table stay true."""

from pathlib import Path

from scripts.update_readme import README, render

ROOT = Path(__file__).resolve().parent.parent


def test_metric_and_permission_tables_are_generated_from_the_code():
    text = README.read_text(encoding="utf-8")
    assert "<!-- metrics:start -->" in text and "<!-- permissions:start -->" in text
    assert render(text) == text, "run: python scripts/update_readme.py"


def test_ci_runs_the_readme_test_command():
    text = README.read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in text
    assert "pip install -r requirements.txt && streamlit run dashboard.py" in text
    assert "exec bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
