"""The README's two commands and its metric table stay true."""

import re
import tomllib
from pathlib import Path

from scripts.update_readme import GENERATED, README, render

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {".py", ".sql", ".md", ".toml", ".sh"}


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
        for outside in ("/work/", "shared METRICS.md", "METRICS.md", "DATASETS.md", "design card"):
            assert outside not in text, (path, outside)  # documents a clone does not contain
        for target in re.findall(r'<img src="([^"]+)"', text):
            assert (path.parent / target).exists(), f"{path}: {target}"
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if not target.startswith("http"):
                assert (path.parent / target).exists(), f"{path}: {target}"


def test_the_code_names_only_documents_the_clone_holds():
    """Docstrings and comments cite docs/metrics.md, docs/datasets.md, docs/ranking.md: nothing outside."""
    folders = ("analytics", "ui", "views", "tests", "scripts", "benchmarks", "docs")
    files = [
        ROOT / "dashboard.py",
        *(f for d in folders for f in (ROOT / d).rglob("*") if f.suffix in SOURCES),
    ]
    for path in files:
        if path != Path(__file__):
            text = path.read_text(encoding="utf-8")
            for outside in ("/work/", "shared/specs", "METRICS.md", "DATASETS.md"):
                assert outside not in text, (path, outside)


def test_ci_runs_the_readme_test_command():
    text = README.read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in text
    assert "pip install -r requirements.txt && streamlit run dashboard.py" in text
    assert "exec bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_the_readme_states_the_python_version_and_a_venv_run_command():
    text = README.read_text(encoding="utf-8")
    required = re.search(r'requires-python = ">=(3\.\d+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert f"Python {required}" in text
    assert (
        "python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt && streamlit run dashboard.py"
        in text
    )
    assert "externally-managed-environment" in text  # why a venv: Debian refuses a system-wide pip


def test_the_readme_names_the_url_and_port_the_config_serves():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    port = config.get("port", 8501)  # Streamlit's default
    assert f"http://localhost:{port}" in README.read_text(encoding="utf-8")
    assert config["address"] in README.read_text(encoding="utf-8")


def test_the_readme_says_the_test_command_installs_debian_packages_as_root():
    text = README.read_text(encoding="utf-8")
    script = (ROOT / "scripts" / "test.sh").read_text()
    packages = set(re.findall(r"missing\+=\(([\w-]+)\)", script))
    assert packages and all(f"`{name}`" in text for name in packages), packages
    assert "apt-get" in script and "as root" in text.lower()


def test_the_screenshots_the_readme_shows_exist():
    text = README.read_text(encoding="utf-8")
    for name in ("overview", "tickets", "phone"):
        assert f"docs/{name}.png" in text and (ROOT / "docs" / f"{name}.png").exists(), name
    assert (ROOT / "scripts" / "screenshots.py").exists()


def test_the_server_does_not_force_a_full_garbage_collection_after_every_run():
    """A warm page's run was mostly Streamlit's forced gc.collect(2) over the caches (py-spy of the server)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
