"""The fact tables (analytics/facts.py) never serve numbers of another data version: after the demo load,
an import, an import that moves an enterprise to another park and center, an undo, a failed write, and at
every open of a database whose facts are missing or stale, each fact holds exactly its SELECT's rows."""

from __future__ import annotations

import duckdb
import pytest

from analytics import db, facts
from analytics.auth import OPERATOR
from analytics.intake import commit_import, plan_import, undo


@pytest.fixture
def con(demo_db) -> duckdb.DuckDBPyConnection:
    connection = db.connect(demo_db)
    yield connection
    connection.close()


def stale_rows(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Per fact: (rows it holds that its SELECT does not, rows its SELECT gives that it lacks), nonzero only."""
    found = {}
    for name in facts.SOURCES:
        select = facts.select(name)
        extra, missing = con.execute(
            f"SELECT (SELECT count(*) FROM (FROM {name} EXCEPT ALL FROM ({select}))), "
            f"(SELECT count(*) FROM (FROM ({select}) EXCEPT ALL FROM {name}))"
        ).fetchone()
        if extra or missing:
            found[name] = (extra, missing)
    return found


def run(con, name: str, dataset: str, *lines: str) -> int:
    data = ("\n".join(lines) + "\n").encode()
    batch, _ = commit_import(con, plan_import(con, data, name, dataset, principal=OPERATOR))
    return batch


def ledger_facts(con) -> list[str]:
    """The facts with a row per ledger row (a uscc column), not the sums over them."""
    return [
        name
        for name in facts.SOURCES
        if con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE table_name = ? AND column_name = 'uscc'", [name]
        ).fetchone()[0]
    ]


def placed(con, uscc: str) -> set[tuple[str, str, str]]:
    """(fact, park, center) of every ledger fact row of enterprise `uscc`."""
    return {
        row
        for name in ledger_facts(con)
        for row in con.execute(
            f"SELECT DISTINCT '{name}', park, center FROM {name} WHERE uscc = ?", [uscc]
        ).fetchall()
    }


def test_the_demo_database_opens_with_current_facts(con):
    assert stale_rows(con) == {}
    assert not facts.ensure(con)  # current: opening again does nothing proportional to the data
    for name in facts.SOURCES:
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] > 0


def test_an_import_refreshes_its_facts_in_its_own_transaction(con):
    code, name = con.execute(
        "SELECT uscc, name FROM clean_enterprises WHERE center = '长虹岭' ORDER BY uscc LIMIT 1"
    ).fetchone()
    version = db.data_version(con)
    batch = run(
        con, "t.csv", "tickets",
        "工单号,受理日期,统一社会信用代码,企业名称,诉求类别,诉求内容",
        f"F-1,2022-07-01,{code},{name},市政设施,道路积水",
    )  # fmt: skip
    assert db.data_version(con) == version + 1 and stale_rows(con) == {}
    assert con.execute("SELECT enterprise, center FROM fact_tickets WHERE ticket_no = 'F-1'").fetchall() == [
        (name, "长虹岭")
    ]
    undo(con, batch, OPERATOR)
    assert stale_rows(con) == {}
    assert con.execute("SELECT count(*) FROM fact_tickets WHERE ticket_no = 'F-1'").fetchone() == (0,)


def test_a_demand_raised_on_a_visit_day_marks_that_visit_and_undo_unmarks_it(con):
    code, name, day = con.execute(
        "SELECT v.uscc, e.name, v.visit_date FROM fact_visits AS v JOIN clean_enterprises AS e USING (uscc) "
        "WHERE NOT v.raised_demand ORDER BY v.visit_date, v.uscc LIMIT 1"
    ).fetchone()

    def raised() -> list[bool]:
        return [row[0] for row in con.execute(
            "SELECT raised_demand FROM fact_visits WHERE uscc = ? AND visit_date = ?", [code, day]
        ).fetchall()]  # fmt: skip

    batch = run(
        con, "t.csv", "tickets",
        "工单号,受理日期,统一社会信用代码,企业名称,诉求类别,诉求内容",
        f"F-2,{day.isoformat()},{code},{name},市政设施,走访中提出",
    )  # fmt: skip
    assert stale_rows(con) == {} and raised() and all(raised())  # no source recorded: raised on the visit
    undo(con, batch, OPERATOR)
    assert stale_rows(con) == {} and not any(raised())


def test_moving_an_enterprise_to_another_center_moves_all_its_facts_and_undo_moves_them_back(con):
    code, name, home = con.execute(
        "SELECT e.uscc, e.name, e.center FROM clean_enterprises AS e "
        "WHERE EXISTS (FROM tickets WHERE uscc = e.uscc) AND EXISTS (FROM visits WHERE uscc = e.uscc) "
        "AND EXISTS (FROM output_monthly WHERE uscc = e.uscc) "
        "AND EXISTS (FROM vaccination_snapshots WHERE uscc = e.uscc) ORDER BY e.uscc LIMIT 1"
    ).fetchone()
    park, center = con.execute(
        "SELECT park, center FROM parks WHERE center <> ? ORDER BY park LIMIT 1", [home]
    ).fetchone()
    before = placed(con, code)
    ledgers = ledger_facts(con)
    assert len(ledgers) == 4
    assert {(fact, center) for fact, _, center in before} == {(fact, home) for fact in ledgers}

    batch = run(con, "e.csv", "enterprises", "统一社会信用代码,企业名称,所属园区", f"{code},{name},{park}")
    assert stale_rows(con) == {}
    assert placed(con, code) == {(fact, park, center) for fact in ledgers}

    undo(con, batch, OPERATOR)
    assert stale_rows(con) == {} and placed(con, code) == before


def test_a_failed_write_leaves_the_facts_and_the_version_as_they_were(con, monkeypatch):
    version, tickets = db.data_version(con), con.execute("SELECT count(*) FROM fact_tickets").fetchone()
    code, name = con.execute("SELECT uscc, name FROM clean_enterprises ORDER BY uscc LIMIT 1").fetchone()

    def boom(*_):
        raise RuntimeError("disk full")

    monkeypatch.setattr("analytics.intake.audit.record", boom)  # the last step inside the transaction
    with pytest.raises(RuntimeError, match="disk full"):
        run(
            con, "t.csv", "tickets",
            "工单号,受理日期,统一社会信用代码,企业名称,诉求类别,诉求内容",
            f"F-2,2022-07-01,{code},{name},市政设施,道路积水",
        )  # fmt: skip
    assert db.data_version(con) == version
    assert con.execute("SELECT count(*) FROM fact_tickets").fetchone() == tickets
    assert stale_rows(con) == {}


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param("DROP TABLE fact_visits", id="a fact missing"),
        pytest.param(
            "DELETE FROM fact_tickets WHERE ticket_no IN (SELECT ticket_no FROM fact_tickets LIMIT 5);"
            "UPDATE meta SET value = 'older' WHERE key = 'facts_of'",
            id="facts of another version or SQL",
        ),
        pytest.param(
            "DELETE FROM fact_tickets WHERE ticket_no IN (SELECT ticket_no FROM fact_tickets LIMIT 5);"
            "DELETE FROM calendar_days WHERE day = (SELECT max(day) FROM calendar_days)",
            id="another holiday calendar",
        ),
    ],
)
def test_opening_a_database_with_stale_facts_rebuilds_them(demo_db, spoil):
    con = db.connect(demo_db)
    con.execute(spoil)
    if "DROP" not in spoil:
        assert stale_rows(con) != {}
    con.close()
    con = db.connect(demo_db)
    try:
        assert stale_rows(con) == {}
    finally:
        con.close()
