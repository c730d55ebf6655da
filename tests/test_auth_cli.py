"""`python -m analytics user …` and the accounts behind `import --user` / `undo --user`."""

from __future__ import annotations

import json

from analytics import db
from tests.test_intake_cli import cli, firm, write


def users(path) -> list[dict]:
    result = cli("user", "list", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_user_commands_on_a_fresh_database(tmp_path):
    path = str(tmp_path / "real.duckdb")
    assert cli("init", "--db", path).returncode == 0
    assert users(path) == []  # a real database has no account
    added = cli("user", "add", "--db", path, "--username", "admin1", "--role", "admin",
                "--display-name", "管理员一", stdin="first admin password\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    head = cli(
        "user", "add", "--db", path, "--username", "head1", "--role", "leader", stdin="a long password\n"
    )
    assert head.returncode == 0, head.stderr
    admin, leader = users(path)
    assert leader["role"] == "leader"
    assert (admin["username"], admin["display_name"], admin["role"], admin["disabled"]) == (
        "admin1", "管理员一", "admin", False
    )  # fmt: skip
    assert "password" not in json.dumps(admin) and "hash" not in json.dumps(admin)
    assert cli("user", "disable", "--db", path, "--username", "HEAD1").returncode == 0
    assert users(path)[1]["disabled"] is True
    assert cli("user", "enable", "--db", path, "--username", "head1").returncode == 0
    assert (
        cli(
            "user", "reset-password", "--db", path, "--username", "head1", stdin="a newer password\n"
        ).returncode
        == 0
    )
    con = db.connect(path)
    rows = con.execute(
        "SELECT action, username, source, detail::VARCHAR FROM audit_log ORDER BY id"
    ).fetchall()
    hashes = con.execute("SELECT password_hash FROM accounts").fetchall()
    con.close()
    assert [r[0] for r in rows] == [
        "account_create",
        "account_create",
        "account_update",
        "account_update",
        "account_update",
    ]
    assert {(r[1], r[2]) for r in rows} == {("cli", "cli")}
    assert all(h.startswith("$argon2id$") for (h,) in hashes)


def test_user_command_refusals_exit_2_with_a_message(demo_db):
    path = str(demo_db)
    cases = {
        ("add", "--username", "x1", "--role", "boss"): "unknown role",
        ("add", "--username", "x2", "--role", "center_head"): "needs --center",
        ("add", "--username", "x3", "--role", "center_head", "--center", "火星"): "there is no center",
        ("add", "--username", "demo-ADMIN", "--role", "admin"): "already exists",
        ("set-role", "--username", "nobody", "--role", "admin"): "there is no account",
        ("set-role", "--username", "demo-leader", "--role", "center_head"): "needs --center",
        ("disable", "--username", "nobody"): "there is no account",
    }
    for args, message in cases.items():
        result = cli("user", args[0], "--db", path, *args[1:], stdin="a long password\n")
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    short = cli("user", "add", "--db", path, "--username", "x4", "--role", "admin", stdin="short\n")
    assert short.returncode == 2 and "at least 10 characters" in short.stderr
    as_argument = cli("user", "add", "--db", path, "--username", "x5", "--role", "admin", "--password", "p")
    assert as_argument.returncode == 2  # there is no way to give a password as an argument
    assert [u["username"] for u in users(path)] == ["demo-admin", "demo-analyst", "demo-chl", "demo-leader"]


def test_set_role_moves_a_center_head(demo_db):
    path = str(demo_db)
    assert cli("user", "set-role", "--db", path, "--username", "demo-leader", "--role", "center_head",
               "--center", "罗村").returncode == 0  # fmt: skip
    leader = next(u for u in users(path) if u["username"] == "demo-leader")
    assert (leader["role"], leader["center"]) == ("center_head", "罗村")


def test_import_and_undo_as_a_center_head_stay_in_their_center(demo_db, tmp_path):
    path = str(demo_db)
    con = db.connect(demo_db)
    other = con.execute("SELECT min(uscc) FROM clean_enterprises WHERE center = '罗村'").fetchone()[0]
    con.close()
    own = write(tmp_path / "own.csv", "工单号,受理日期,统一社会信用代码,诉求类别",
                f"O-1,2022-06-20,{firm(demo_db)},政策咨询", f"O-2,2022-06-21,{other},政策咨询")  # fmt: skip
    result = cli("import", "--db", path, "--dataset", "tickets", "--user", "demo-chl", own)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["inserted"], report["rejected"]) == (1, 1)
    refused = cli(
        "import", "--db", path, "--dataset", "tickets", "--user", "demo-chl", "--center", "罗村", own
    )
    assert refused.returncode == 2 and "只能为本中心" in refused.stderr and not refused.stdout
    assert cli("import", "--db", path, "--dataset", "tickets", "--user", "demo-leader", own).returncode == 2
    unknown = cli("import", "--db", path, "--dataset", "tickets", "--user", "ghost", own)
    assert unknown.returncode == 2 and "ghost" in unknown.stderr
    operator = cli(
        "import", "--db", path, "--dataset", "tickets", "--center", "罗村", own
    )  # no --user: operator
    operator_batch = json.loads(operator.stdout)["batch_id"]
    denied = cli("undo", "--db", path, "--user", "demo-chl", str(operator_batch))
    assert denied.returncode == 2 and "只能为本中心" in denied.stderr
    assert cli("undo", "--db", path, "--user", "demo-chl", str(report["batch_id"])).returncode == 0
    con = db.connect(demo_db)
    batches = con.execute(
        "SELECT user_name, center, undone_at IS NOT NULL FROM import_batches WHERE NOT is_demo ORDER BY batch_id"
    ).fetchall()
    sources = con.execute(
        "SELECT DISTINCT source FROM audit_log WHERE action IN ('import', 'undo')"
    ).fetchall()
    con.close()
    assert batches == [("demo-chl", "长虹岭", True), ("cli", "罗村", False)]
    assert sources == [("cli",)]
