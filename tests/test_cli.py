"""`python -m analytics` per the command-line contract: init, demo, summary."""

import csv
import io
import json
import subprocess
import sys

import pytest

from analytics import db
from analytics.filters import Filters
from analytics.kpis import center_kpis
from analytics.metrics import KEYS
from analytics.periods import default_period


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], capture_output=True, text=True, timeout=120
    )


def test_init_creates_an_empty_schema(tmp_path):
    path = tmp_path / "new.duckdb"
    result = run_cli("init", "--db", str(path))
    assert result.returncode == 0, result.stderr
    con = db.connect(path)
    assert db.is_empty(con)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (
        len(list(db.MIGRATIONS_DIR.glob("*.sql"))),
    )


def test_demo_then_summary_json_has_six_centers_with_every_key(tmp_path):
    path = tmp_path / "demo.duckdb"
    result = run_cli("demo", "--db", str(path), "--seed", "2", "--scale", "0.5")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["centers"] == 6
    result = run_cli("summary", "--db", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"from", "to", "centers", "total"}
    assert (document["from"], document["to"]) == ("2021-07-01", "2022-06-30")
    assert [c["center"] for c in document["centers"]] == ["长虹岭", "罗村", "松岗", "小塘", "官窑", "大学城"]
    for row in document["centers"]:
        assert list(row) == ["center", *KEYS]
    assert list(document["total"]) == list(KEYS)
    # full precision: the same numbers as the mart, unrounded
    frame = center_kpis(db.connect(path), Filters(default_period(db.connect(path))))
    total = frame[frame["is_total"]].iloc[0]
    assert document["total"]["closure_rate"] == total["closure_rate"]
    assert isinstance(document["total"]["tickets_received"], int)


def test_summary_filters_and_csv(demo_db):
    result = run_cli(
        "summary", "--db", str(demo_db), "--from", "2021-01-01", "--to", "2021-03-31",
        "--center", "长虹岭", "--center", "小塘", "--format", "csv",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["center"] for r in rows] == ["长虹岭", "小塘", "total"]
    assert list(rows[0]) == ["center", *KEYS]
    assert int(rows[0]["tickets_received"]) + int(rows[1]["tickets_received"]) == int(
        rows[2]["tickets_received"]
    )


def test_summary_park_filter_narrows_centers(demo_db):
    result = run_cli("summary", "--db", str(demo_db), "--park", "虹岭科创园")
    document = json.loads(result.stdout)
    assert [c["center"] for c in document["centers"]] == ["长虹岭"]
    assert document["total"]["enterprises"] < 296


def test_ratio_with_zero_denominator_is_null(demo_db):
    result = run_cli("summary", "--db", str(demo_db), "--from", "2030-01-01", "--to", "2030-01-31")
    total = json.loads(result.stdout)["total"]
    assert total["tickets_received"] == 0
    assert total["closure_rate"] is None and total["median_resolution_days"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--center", "不存在"], "unknown center: 不存在"),
        (["--park", "nowhere"], "unknown park: nowhere"),
        (["--from", "2022-01-01", "--to", "2021-01-01"], "before --from"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(demo_db, args, message):
    result = run_cli("summary", "--db", str(demo_db), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_demo_refuses_a_database_with_imported_data(demo_db):
    con = db.connect(demo_db)
    con.execute(
        "INSERT INTO import_batches (file_name, sha256, dataset) VALUES ('real.xlsx', 'x', 'tickets')"
    )
    con.close()
    result = run_cli("demo", "--db", str(demo_db))
    assert result.returncode == 2
    assert "真实数据" in result.stderr and "imported data" in result.stderr
