"""DuckDB's memory limit and threads come from dashboard.toml's [database]; a value that cannot be used is
refused naming its key, in the CLI without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analytics import db
from analytics.settings import DatabaseSettings, load_settings

ROOT = Path(__file__).resolve().parent.parent


def config(tmp_path: Path, section: str) -> Path:
    path = tmp_path / "dashboard.toml"
    path.write_text(f"[database]\n{section}\n", encoding="utf-8")
    return path


def test_the_database_opens_with_the_configured_memory_limit_and_threads(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CONFIG", str(config(tmp_path, 'memory_limit = "300MB"\nthreads = 1')))
    assert load_settings().database == DatabaseSettings("300MB", 1)
    con = db.connect(tmp_path / "x.duckdb")
    memory, threads = con.execute(
        "SELECT current_setting('memory_limit'), current_setting('threads')"
    ).fetchone()
    assert memory == "286.1 MiB" and threads == 1  # DuckDB reports 300 MB in MiB
    con.close()


def test_the_shipped_file_limits_memory_to_one_gigabyte():
    assert load_settings(ROOT / "dashboard.toml").database == DatabaseSettings("1GB", None)


@pytest.mark.parametrize(
    ("section", "key"),
    [('memory_limit = "lots"', "memory_limit"), ("memory_limit = 1024", "memory_limit"), ("threads = 0", "threads"),
     ('threads = "2"', "threads")],
)  # fmt: skip
def test_an_unusable_value_is_refused_naming_its_key(tmp_path, section, key):
    path = config(tmp_path, section)
    with pytest.raises(ValueError, match=key):
        load_settings(path)
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "init", "--db", str(tmp_path / "y.duckdb")],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env={**os.environ, "DASHBOARD_CONFIG": str(path)},
    )  # fmt: skip
    assert result.returncode == 2 and key in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "y.duckdb").exists()  # nothing was created
