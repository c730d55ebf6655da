"""`python -m analytics …`: init, demo, import, undo, summary (the command-line contract of docs/datasets.md),
ranking, briefing, and user add|list|disable|enable|reset-password|set-role (accounts; passwords from a
prompt or stdin)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from analytics import db, logs
from analytics.auth import OPERATOR, Principal, accounts
from analytics.auth.permissions import ROLES
from analytics.briefing import FORMATS, BriefingError, build, parse_month, render
from analytics.briefing.images import overview_charts
from analytics.demo.load import DemoRefused, load_demo
from analytics.filters import Filters
from analytics.intake import DATASETS, Refused, commit_import, plan_import, undo, unexpected
from analytics.kpis import summary, summary_csv
from analytics.periods import Period, default_period
from analytics.ranking import RankingError, ranking, records, to_csv
from analytics.settings import load_settings


class UsageError(Exception):
    """A problem with the command's arguments or environment; printed on stderr, exit 2."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (UsageError, DemoRefused, RankingError, BriefingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="create the database (schema only)")
    _add_db(init)
    init.set_defaults(run=_init)

    demo = commands.add_parser("demo", help="fill the database with generated demo data")
    _add_db(demo)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--scale", type=_positive_float, default=1.0, help="multiplies enterprises and events")
    demo.set_defaults(run=_demo)

    intake = commands.add_parser("import", help="import ledgers (one JSON report per file on stdout)")
    _add_db(intake)
    intake.add_argument("--dataset", required=True, choices=list(DATASETS))
    intake.add_argument("--center", metavar="NAME", help="the uploading center")
    intake.add_argument("--user", metavar="NAME", help="act as this account (default: the operator)")
    intake.add_argument("--sheet", metavar="NAME", help="read this sheet instead of the first")
    intake.add_argument("--dry-run", action="store_true", help="report without writing")
    intake.add_argument("files", nargs="+", type=Path, metavar="FILE")
    intake.set_defaults(run=_import)

    revert = commands.add_parser("undo", help="undo an import batch, restoring the rows it touched")
    _add_db(revert)
    revert.add_argument("--user", metavar="NAME", help="act as this account (default: the operator)")
    revert.add_argument("batch_id", type=int, metavar="BATCH_ID")
    revert.set_defaults(run=_undo)

    report = commands.add_parser("summary", help="print the per-center KPI table of docs/metrics.md")
    _add_db(report)
    report.add_argument("--from", dest="date_from", type=_date, help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="date_to", type=_date, help="last day, YYYY-MM-DD")
    report.add_argument("--center", action="append", default=[], metavar="NAME")
    report.add_argument("--park", action="append", default=[], metavar="NAME")
    report.add_argument("--format", choices=("json", "csv"), default="json")
    report.set_defaults(run=_summary)

    _add_ranking(commands)
    _add_briefing(commands)

    user = commands.add_parser("user", help="accounts: add, list, disable, enable, reset-password, set-role")
    users = user.add_subparsers(required=True, metavar="ACTION")
    add = users.add_parser("add", help="create an account (password from a prompt, or one line of stdin)")
    _add_account(add, role=True)
    add.add_argument("--display-name", metavar="TEXT")
    add.set_defaults(run=_user_add)
    listing = users.add_parser("list", help="print every account, one JSON object per line")
    _add_db(listing)
    listing.set_defaults(run=_user_list)
    for name, disabled in (("disable", True), ("enable", False)):
        toggle = users.add_parser(name, help=f"{name} an account")
        _add_account(toggle)
        toggle.set_defaults(run=_user_disabled, disabled=disabled)
    reset = users.add_parser("reset-password", help="set a new password (prompt or stdin); lifts a lockout")
    _add_account(reset)
    reset.set_defaults(run=_user_reset)
    role = users.add_parser("set-role", help="change an account's role (and center)")
    _add_account(role, role=True)
    role.set_defaults(run=_user_role)
    return parser


def _add_account(parser: argparse.ArgumentParser, role: bool = False) -> None:
    _add_db(parser)
    parser.add_argument("--username", required=True, metavar="NAME")
    if role:
        parser.add_argument("--role", required=True, metavar="{" + ",".join(ROLES) + "}")
        parser.add_argument("--center", metavar="NAME", help="the center of a center head")


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None, help="database file (default: env DASHBOARD_DB)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def _open(path: Path | None, *, checkpoints: bool = True) -> duckdb.DuckDBPyConnection:
    """The database of `--db` (else the default). `checkpoints=False` for the batch commands: their
    commits stay in the write-ahead log, so killing them never damages the file (see db.connect)."""
    target = path or db.default_db_path()
    logs.configure(target)
    try:
        return db.connect(target, checkpoints=checkpoints)
    except ValueError as error:  # a setting of dashboard.toml that cannot be used (the message names it)
        raise UsageError(str(error)) from error
    except duckdb.IOException as error:
        raise UsageError(
            f"cannot open {target}: {error}. If the dashboard is running on this file, stop it first "
            "(DuckDB lets one process hold the file)."
        ) from error


def _init(args: argparse.Namespace) -> int:
    con = _open(args.db)
    con.close()
    print(f"initialised {args.db or db.default_db_path()}", file=sys.stderr)
    return 0


def _demo(args: argparse.Namespace) -> int:
    con = _open(args.db)
    counts = load_demo(con, seed=args.seed, scale=args.scale)
    con.close()
    print(json.dumps(counts, ensure_ascii=False))
    return 0


def _principal(con: duckdb.DuckDBPyConnection, username: str | None) -> Principal:
    """The account named by --user (its role applies), else the operator."""
    if username is None:
        return OPERATOR
    principal = accounts.principal_of(con, username, source="cli")
    if principal is None:
        raise UsageError(f"无此账号或账号已停用 / no enabled account '{username}'")
    return principal


def _import(args: argparse.Namespace) -> int:
    """Each file is planned and committed on its own; a refused file leaves the others unaffected."""
    con = _open(args.db, checkpoints=False)
    principal = _principal(con, args.user)
    if args.center:
        _known(con, "center", "centers", [args.center])
    center = args.center or principal.center
    status = 0
    for path in args.files:
        try:
            data = path.read_bytes()
        except OSError as error:
            print(f"error: {path}: 无法读取文件 / cannot read the file: {error.strerror}", file=sys.stderr)
            status = 2
            continue
        try:
            plan = plan_import(
                con,
                data,
                path.name,
                args.dataset,
                center,
                args.sheet,
                preview=args.dry_run,
                principal=principal,
            )
            batch_id, counts = (None, plan.counts) if args.dry_run else commit_import(con, plan)
        except Refused as refusal:
            print(f"error: {path}: {refusal}", file=sys.stderr)
            status = 2
            continue
        except Exception as error:  # nothing of this file was written (one transaction); say so, go on
            print(f"error: {path}: {unexpected(error, path.name)}", file=sys.stderr)
            status = 2
            continue
        print(json.dumps(plan.report(batch_id, counts), ensure_ascii=False), flush=True)
    con.close()
    return status


def _undo(args: argparse.Namespace) -> int:
    con = _open(args.db, checkpoints=False)
    try:
        undone = undo(con, args.batch_id, _principal(con, args.user))
    except Refused as refusal:
        raise UsageError(str(refusal)) from refusal
    finally:
        con.close()
    message = f"{undone.message('zh')} / {undone.message('en')}"
    print(json.dumps({**undone.detail(), "message": message}, ensure_ascii=False))
    return 0


def _password(confirm: bool = True) -> str:
    """The new password: prompted for (twice) on a terminal, else one line of stdin. Never an argument."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("密码 / password: ")
    if confirm and getpass.getpass("再输入一次 / again: ") != password:
        raise UsageError("两次输入的密码不一致 / the passwords differ")
    return password


def _account_command(args: argparse.Namespace, change: Callable[[duckdb.DuckDBPyConnection], None]) -> int:
    con = _open(args.db)
    try:
        change(con)
    except Refused as refusal:
        raise UsageError(str(refusal)) from refusal
    finally:
        con.close()
    return 0


def _user_add(args: argparse.Namespace) -> int:
    password = _password()
    auth = load_settings().auth
    return _account_command(
        args,
        lambda con: accounts.create(
            con, OPERATOR, args.username, password, args.role, auth, args.center, args.display_name
        ),
    )


def _user_list(args: argparse.Namespace) -> int:
    con = _open(args.db)
    frame = accounts.list_accounts(con)
    con.close()
    for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        print(json.dumps(row, ensure_ascii=False, default=str))
    return 0


def _user_disabled(args: argparse.Namespace) -> int:
    return _account_command(
        args, lambda con: accounts.set_disabled(con, OPERATOR, args.username, args.disabled)
    )


def _user_reset(args: argparse.Namespace) -> int:
    password = _password()
    auth = load_settings().auth
    return _account_command(
        args, lambda con: accounts.reset_password(con, OPERATOR, args.username, password, auth)
    )


def _user_role(args: argparse.Namespace) -> int:
    return _account_command(
        args, lambda con: accounts.set_role(con, OPERATOR, args.username, args.role, args.center)
    )


def _summary(args: argparse.Namespace) -> int:
    con = _open(args.db)
    filters = Filters(
        period=_period(con, args.date_from, args.date_to),
        centers=_known(con, "center", "centers", args.center),
        parks=_known(con, "park", "parks", args.park),
    )
    if args.format == "json":
        print(json.dumps(summary(con, filters), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(summary_csv(con, filters))
    con.close()
    return 0


def _period(con: duckdb.DuckDBPyConnection, start: dt.date | None, end: dt.date | None) -> Period:
    default = default_period(con)
    start, end = start or default.start, end or default.end
    if end < start:
        raise UsageError(f"--to {end} is before --from {start}")
    return Period(start, end)


def _known(con: duckdb.DuckDBPyConnection, column: str, table: str, names: list[str]) -> tuple[str, ...]:
    known = {row[0] for row in con.execute(f"SELECT {column} FROM {table}").fetchall()}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise UsageError(f"unknown {column}: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return tuple(dict.fromkeys(names))


def _add_ranking(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("ranking", help="print the centers' ranking and fair comparison")
    _add_db(command)
    command.add_argument("--from", dest="date_from", type=_date, help="first day, YYYY-MM-DD")
    command.add_argument("--to", dest="date_to", type=_date, help="last day, YYYY-MM-DD")
    command.add_argument("--format", choices=("json", "csv"), default="json")
    command.set_defaults(run=_ranking)


def _ranking(args: argparse.Namespace) -> int:
    con = _open(args.db)
    try:
        frame = ranking(
            con, Filters(_period(con, args.date_from, args.date_to)), load_settings().ranking_weights
        )
    finally:
        con.close()
    if args.format == "json":
        print(json.dumps(records(frame), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(to_csv(frame))
    return 0


def _add_briefing(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("briefing", help="write the leaders' monthly briefing (A4)")
    _add_db(command)
    command.add_argument("--month", required=True, metavar="YYYY-MM")
    command.add_argument("--center", metavar="NAME", help="one center (the ranking stays town-wide)")
    command.add_argument("--format", choices=list(FORMATS), default="pdf")
    command.add_argument("--lang", choices=("zh", "en"), default="zh")
    command.add_argument("--out", type=Path, required=True, metavar="FILE")
    command.set_defaults(run=_briefing)


def _briefing(args: argparse.Namespace) -> int:
    month = parse_month(args.month)
    con = _open(args.db)
    try:
        center = _known(con, "center", "centers", [args.center])[0] if args.center else None
        briefing = build(con, month, args.lang, load_settings().ranking_weights, center)
    finally:
        con.close()
    document = render(briefing, overview_charts(briefing.kpis, args.lang), args.format)
    try:
        args.out.write_bytes(document)
    except OSError as error:
        raise UsageError(f"无法写入 / cannot write {args.out}: {error.strerror}") from error
    print(f"{args.out}: {len(document):,} bytes", file=sys.stderr)
    return 0
