"""Undo keeps the data whole: a batch whose centers, parks or enterprises other rows still refer to is
refused, naming what depends on it and which batches to undo first."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from analytics import db
from analytics.auth import OPERATOR
from analytics.intake import Refused, commit_import, plan_import, undo

CODE = "914406050000000019"  # a valid USCC that the demo registry does not hold


@pytest.fixture
def con(demo_db) -> duckdb.DuckDBPyConnection:
    connection = db.connect(demo_db)
    yield connection
    connection.close()


def run(con, name: str, dataset: str, *lines: str) -> int:
    data = ("\n".join(lines) + "\n").encode()
    batch, _ = commit_import(con, plan_import(con, data, name, dataset, principal=OPERATOR))
    return batch


def demo_batch(con, dataset: str) -> int:
    return con.execute(
        "SELECT batch_id FROM import_batches WHERE is_demo AND dataset = ?", [dataset]
    ).fetchone()[0]


def sizes(con) -> dict[str, int]:
    tables = ("centers", "parks", "enterprises", "tickets", "visits", "output_monthly", "activities")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_undoing_the_demo_enterprises_is_refused_naming_their_events(con):
    batch, before = demo_batch(con, "enterprises"), sizes(con)
    with pytest.raises(Refused) as refusal:
        undo(con, batch, OPERATOR)
    zh, en = refusal.value.problem.zh, refusal.value.problem.en
    assert f"不能撤销批次 {batch}" in zh and "引用了本批次新增的企业" in zh
    assert f"{before['tickets']:,} 条诉求" in zh and f"{before['visits']:,} 次走访" in zh
    assert f"{before['output_monthly']:,} monthly output reports" in en and "vaccination returns" in en
    events = [demo_batch(con, d) for d in ("visits", "tickets", "output", "vaccinations")]
    assert zh.endswith(f"请先撤销引用它们的批次 {'、'.join(map(str, sorted(events)))}")
    assert sizes(con) == before  # nothing written
    assert con.execute("SELECT undone_at FROM import_batches WHERE batch_id = ?", [batch]).fetchone() == (
        None,
    )


def test_undoing_the_demo_parks_is_refused_naming_enterprises_and_activities(con):
    batch = demo_batch(con, "parks")
    with pytest.raises(Refused) as refusal:
        undo(con, batch, OPERATOR)
    zh = refusal.value.problem.zh
    assert "家企业" in zh and "场活动" in zh and "本批次新增的园区" in zh
    assert str(demo_batch(con, "enterprises")) in zh.split("请先撤销")[1]


def test_a_new_park_with_an_enterprise_undoes_in_order(con):
    before = sizes(con)
    parks = run(con, "p.csv", "parks", "园区名称,所属产业社区", "新材料园,长虹岭")
    firms = run(
        con,
        "e.csv",
        "enterprises",
        "统一社会信用代码,企业名称,所属园区",
        f"{CODE},佛山市新材料有限公司,新材料园",
    )
    with pytest.raises(Refused, match=f"1 家企业引用了本批次新增的园区.*请先撤销引用它们的批次 {firms}"):
        undo(con, parks, OPERATOR)
    undo(con, firms, OPERATOR)
    undo(con, parks, OPERATOR)  # nothing refers to the park any more
    assert sizes(con) == before


def test_an_enterprises_batch_that_only_updated_firms_can_be_undone(con):
    code, name, park = con.execute(
        "SELECT uscc, name, park FROM enterprises ORDER BY uscc LIMIT 1"
    ).fetchone()
    batch = run(
        con,
        "e.csv",
        "enterprises",
        "统一社会信用代码,企业名称,所属园区,员工人数",
        f"{code},{name},{park},4321",
    )
    assert undo(con, batch, OPERATOR).restored == {
        "enterprises": 1
    }  # its visits and demands keep their enterprise
    assert con.execute("SELECT employees FROM enterprises WHERE uscc = ?", [code]).fetchone() != (4321,)


def test_the_command_line_refuses_too(demo_db):
    con = db.connect(demo_db)
    batch = demo_batch(con, "enterprises")
    con.close()
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "undo", "--db", str(demo_db), str(batch)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2 and "条诉求" in result.stderr and "would be left orphaned" in result.stderr
    assert "Traceback" not in result.stderr
    assert not result.stdout
