"""Benchmark: every dashboard page's database work, as the pages really issue it.

1. Builds (or reuses, when its sidecar says the same seed and scale) a demo database per scale under
   benchmarks/out/ (git-ignored).
2. Records each page's complete set of analytics calls: the page is run once in Streamlit's AppTest on the
   scale-1 database, logged in as demo-leader, with st.cache_data cleared just before that run, while every
   analytics entry point the ui layer calls (ui/data.py, ui/briefing.py's ranking, ui/context.py's data
   version and demo flag, ui/auth.py's session check) is wrapped to note (function, arguments) in order.
   Each page is recorded with three filter choices set the way a link sets them (?center=…, ?park=…): the
   defaults, one center, one park of it. The profile page gets ?uscc= of the park's enterprise with the
   most demands (at the other scales the replay asks for that scale's enterprise of the same rank).
   Every mart execution underneath is noted too, so a mart run twice with the same parameters shows.
3. Replays each recorded set straight against each scale's database (no Streamlit, no cache; within one
   run of a set the tiles, the ranking and its drivers share the KPI table and case mix, as the page's
   cached readers make them do): warm (one connection, the set repeated --repeat times: median and p95 of
   the set, the slowest call) and cold (a fresh process per run, median of 3: the set's time, the database's opening and the process start apart).
4. Concurrency at the largest scale: `streamlit run dashboard.py` on that database, then 1 and --sessions
   Chromium sessions (a fresh server, so an empty cache, each time; the sessions share its cache, as users
   on the default filters do), each logging in as demo-leader on the profile page's search box, then
   opening every page in turn from the sidebar, the profile last (searched by USCC, timed from the pick).
   A page's draw time runs from the click to the script run finished (stApp not running, no status
   widget) with the page's own h1 shown. The server's peak RSS (VmHWM, children included) is printed.

Prints Markdown tables. Run: python benchmarks/bench_pages.py [--scales 1 20 100] [--repeat 15]
[--sessions 10] [--no-browser]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import pickle
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from analytics import db  # noqa: E402
from analytics.demo.load import DEMO_PASSWORD, load_demo  # noqa: E402
from analytics.i18n import t  # noqa: E402
from analytics.ranking import Marts  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
SETS_FILE = OUT / "page_sets.pkl"
SEED = 1
USER = "demo-leader"
CENTER = "长虹岭"
COLD_RUNS = 3
PAGES: dict[str, str] = {
    "overview": "views/overview.py",
    "tickets": "views/tickets.py",
    "visits": "views/visits.py",
    "output": "views/output.py",
    "vaccination": "views/vaccination.py",
    "participation": "views/participation.py",
    "enterprise": "views/enterprise.py",
    "completeness": "views/data_completeness.py",
}  # url path -> page file
FILTER_CHOICES = ("default", "center", "park")
# The analytics functions the ui layer calls with the connection (module, attribute), wrapped by attribute:
# the ui modules call them as module.function, so the wrapper is what they reach.
ENTRY_POINTS: tuple[tuple[str, str], ...] = (
    ("analytics.queries", "run_mart"),
    ("analytics.kpis", "center_kpis"),
    ("analytics.reference", "centers"),
    ("analytics.reference", "parks"),
    ("analytics.reference", "enterprise_count"),
    ("analytics.periods", "latest_date"),
    ("analytics.ranking", "ranking"),
    ("analytics.ranking", "drivers"),
    ("analytics.db", "data_version"),
    ("analytics.db", "has_demo_data"),
    ("analytics.auth.session", "secret"),
    ("analytics.auth.accounts", "principal_of"),
)
# Issued on every run, cached pages or not: the session check and the data version (one per ui.data call).
PER_RUN = frozenset({"secret", "principal_of", "data_version", "has_demo_data"})
# Every binding of run_mart (the modules that import it by name): each mart execution, however reached.
MART_BINDINGS: tuple[str, ...] = ("analytics.queries", "analytics.kpis", "analytics.ranking")
# Reached by the page through its cached readers (ui/briefing._marts): replayed through one Marts per set run.
KPIS = "analytics.kpis:center_kpis"
SHARED_MARTS = frozenset({"analytics.ranking:ranking", "analytics.ranking:drivers"})
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
BROWSER_TIMEOUT_MS = 300_000
SEARCH_LABEL = t("enterprise.search", "zh")
VISIT_ORDER = [*(page for page in PAGES if page != "enterprise"), "enterprise"]


# --- databases ------------------------------------------------------------------------------------------


def db_path(scale: float) -> Path:
    return OUT / f"pages_scale{scale:g}.duckdb"


def build_db(scale: float) -> tuple[Path, float | None]:
    """The demo database of `scale` and its build time (None when an existing one of that scale was kept)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path, sidecar = db_path(scale), db_path(scale).with_suffix(".json")
    wanted = {"seed": SEED, "scale": scale}
    if path.exists() and sidecar.exists():
        built = json.loads(sidecar.read_text())
        if {key: built.get(key) for key in wanted} == wanted:
            return path, None
    path.unlink(missing_ok=True)
    start = time.perf_counter()
    con = db.connect(path)
    counts = load_demo(con, seed=SEED, scale=scale)
    con.close()
    sidecar.write_text(json.dumps({**wanted, "counts": counts}))
    return path, time.perf_counter() - start


def tickets_count(path: Path) -> int:
    return json.loads(path.with_suffix(".json").read_text())["counts"]["tickets"]


def profile_choice(path: Path) -> tuple[str, str]:
    """(park, uscc): the enterprise of CENTER with the most demands, and its park."""
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "SELECT e.park, e.uscc FROM tickets t JOIN enterprises e USING (uscc) JOIN parks p USING (park) "
            "WHERE p.center = $center GROUP BY ALL ORDER BY count(*) DESC, e.uscc LIMIT 1",
            {"center": CENTER},
        ).fetchone()


# --- recording ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One analytics call of a page, its connection left out."""

    function: str  # module:attribute
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    @property
    def name(self) -> str:
        if self.function.endswith(":run_mart"):
            return str(self.args[0])
        return self.function.rsplit(":", 1)[1]


@dataclass
class Recorded:
    """A page's run: its calls in order, every mart executed underneath, the filters and the page's h1."""

    calls: list[Call] = field(default_factory=list)
    marts: list[tuple[str, str]] = field(default_factory=list)
    filters: object = None
    title: str = ""

    def twice(self) -> str:
        """Marts executed more than once with the same parameters: name (parameter sets, most executions)."""
        repeated: dict[str, list[int]] = {}
        for (name, _), n in Counter(self.marts).items():
            if n > 1:
                repeated.setdefault(name, []).append(n)
        return ", ".join(f"{name} ({len(ns)} sets × {max(ns)})" for name, ns in repeated.items())

    def counts(self) -> str:
        return ", ".join(
            f"{name} ×{n}" if n > 1 else name for name, n in Counter(c.name for c in self.calls).items()
        )


class Recorder:
    """Wraps the entry points (outermost calls only) and the run_mart bindings; notes them while recording."""

    def __init__(self) -> None:
        self.current: Recorded | None = None
        self.depth = 0
        self.originals: list[tuple[Any, str, Any]] = []

    def entry(self, key: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)
        def wrapper(con: Any, *args: Any, **kwargs: Any) -> Any:
            if self.current is not None and self.depth == 0:
                self.current.calls.append(Call(key, args, kwargs))
            self.depth += 1
            try:
                return function(con, *args, **kwargs)
            finally:
                self.depth -= 1

        return wrapper

    def mart(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)
        def wrapper(con: Any, name: str, params: dict[str, Any]) -> Any:
            if self.current is not None:
                self.current.marts.append((name, repr(sorted(params.items()))))
            return function(con, name, params)

        return wrapper

    def patch(self, module: Any, attribute: str, wrapper: Callable[..., Any]) -> None:
        self.originals.append((module, attribute, getattr(module, attribute)))
        setattr(module, attribute, wrapper)

    def install(self) -> None:
        for name in {*MART_BINDINGS, *(module for module, _ in ENTRY_POINTS), "ui.data", "ui.briefing"}:
            importlib.import_module(name)  # all bound by name before any is wrapped
        for name in MART_BINDINGS:
            module = importlib.import_module(name)
            self.patch(module, "run_mart", self.mart(module.run_mart))
        for name, attribute in ENTRY_POINTS:
            module = importlib.import_module(name)
            self.patch(module, attribute, self.entry(f"{name}:{attribute}", getattr(module, attribute)))

    def uninstall(self) -> None:
        for module, attribute, original in reversed(self.originals):
            setattr(module, attribute, original)
        self.originals.clear()

    @contextmanager
    def recording(self) -> Iterator[Recorded]:
        self.current = Recorded()
        try:
            yield self.current
        finally:
            self.current = None


def link_params(choice: str, park: str) -> dict[str, list[str]]:
    return {"default": {}, "center": {"center": [CENTER]}, "park": {"center": [CENTER], "park": [park]}}[
        choice
    ]


def record_page(recorder: Recorder, page: str, query: dict[str, list[str]]) -> Recorded:
    """Log in on a fresh AppTest, open the page, then record one run of it on an empty st.cache_data."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.apptest_login import logged_in

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=300)
    for key, values in query.items():
        at.query_params[key] = values
    logged_in(at, "leader")
    at.switch_page(PAGES[page])
    st.cache_data.clear()
    with recorder.recording() as recorded:
        at.run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception}")
    recorded.filters = at.session_state["_filters"]
    recorded.title = at.title[0].value
    return recorded


def record_all(path: Path, park: str, uscc: str) -> dict[tuple[str, str], Recorded]:
    import streamlit as st

    from ui.context import connection

    os.environ["DASHBOARD_DB"] = str(path)
    recorder = Recorder()
    recorder.install()
    try:
        sets = {}
        for page in PAGES:
            for choice in FILTER_CHOICES:
                query = link_params(choice, park) | ({"uscc": [uscc]} if page == "enterprise" else {})
                sets[page, choice] = record_page(recorder, page, query)
    finally:
        recorder.uninstall()
        connection().close()  # the file lock, before a cold child opens it
        st.cache_resource.clear()
    return sets


def save_sets(sets: dict[tuple[str, str], Recorded]) -> None:
    """The calls for the cold children, as plain tuples (this script is not importable from them)."""
    plain = {"/".join(key): [(c.function, c.args, c.kwargs) for c in rec.calls] for key, rec in sets.items()}
    SETS_FILE.write_bytes(pickle.dumps(plain))


# --- replay ---------------------------------------------------------------------------------------------


def resolve(key: str) -> Callable[..., Any]:
    module, attribute = key.split(":")
    return getattr(importlib.import_module(module), attribute)


def substituted(value: Any, old: str, new: str) -> Any:
    """`value` with the string `old` replaced by `new` wherever it is an argument (the profile's uscc)."""
    if value == old:
        return new
    if isinstance(value, dict):
        return {key: substituted(item, old, new) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return type(value)(substituted(item, old, new) for item in value)
    return value


def for_scale(calls: list[Call], old: str, new: str) -> list[Call]:
    return [Call(c.function, substituted(c.args, old, new), substituted(c.kwargs, old, new)) for c in calls]


def run_set(con: duckdb.DuckDBPyConnection, calls: list[Call]) -> list[float]:
    """Seconds per call, in order. As on the page (whose readers are cached), the tiles, the ranking and
    its drivers read the KPI table and case mix through one `Marts` per run: no mart runs twice."""
    marts = Marts.of(con)
    times = []
    for call in calls:
        function = resolve(call.function)
        source = marts if call.function in SHARED_MARTS else con
        start = time.perf_counter()
        if call.function == KPIS and len(call.args) == 1 and not call.kwargs:  # every topic: shared
            marts.kpis(*call.args)
        else:
            function(source, *call.args, **call.kwargs)
        times.append(time.perf_counter() - start)
    return times


@dataclass
class Warm:
    median: float
    p95: float
    slowest: str
    slowest_median: float
    per_run: float  # the median times of the PER_RUN calls, summed


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def warm(con: duckdb.DuckDBPyConnection, calls: list[Call], repeat: int) -> Warm:
    runs = [run_set(con, calls) for _ in range(repeat)]
    totals = [sum(run) for run in runs]
    per_call = [statistics.median(column) for column in zip(*runs, strict=True)]
    slowest = max(range(len(calls)), key=per_call.__getitem__)
    per_run = sum(time for call, time in zip(calls, per_call, strict=True) if call.name in PER_RUN)
    return Warm(statistics.median(totals), p95(totals), calls[slowest].name, per_call[slowest], per_run)


@dataclass
class Cold:
    set: float
    open: float
    start: float


def cold_child(path: str, key: str, old: str, new: str) -> None:
    """In a fresh process: open the database, run one recorded set once, print the two times as JSON."""
    recorded = pickle.loads(SETS_FILE.read_bytes())[key]
    calls = for_scale([Call(*call) for call in recorded], old, new)
    for call in calls:
        resolve(call.function)  # imports done before the clock starts
    start = time.perf_counter()
    con = db.connect(path)
    opened = time.perf_counter()
    run_set(con, calls)
    done = time.perf_counter()
    con.close()
    print(json.dumps({"open": opened - start, "set": done - opened}))


def cold(path: Path, key: str, old: str, new: str) -> Cold:
    runs = []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--cold-child", str(path), key, old, new],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        wall = time.perf_counter() - start
        times = json.loads(out.stdout.strip().splitlines()[-1])
        runs.append(Cold(times["set"], times["open"], wall - times["set"] - times["open"]))
    return Cold(*(statistics.median(getattr(r, name) for r in runs) for name in ("set", "open", "start")))


def replay_scale(
    path: Path, sets: dict[tuple[str, str], Recorded], repeat: int, old: str, new: str
) -> dict[tuple[str, str], tuple[Warm, Cold]]:
    con = db.connect(path)
    warmed = {key: warm(con, for_scale(rec.calls, old, new), repeat) for key, rec in sets.items()}
    con.close()
    return {key: (warmed[key], cold(path, "/".join(key), old, new)) for key in sets}


# --- concurrency ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(path: Path, script: str = "dashboard.py", env: dict[str, str] | None = None
           ) -> Iterator[tuple[str, subprocess.Popen]]:  # fmt: skip
    """`streamlit run <script>` on the database `path` (and `env`), on a free port; its URL and process."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="bench-streamlit-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "DASHBOARD_DB": str(path), **(env or {})}, stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_healthy(url, log.name)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_healthy(url: str, log: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not start; log: {Path(log).read_text()[-2000:]}")


def peak_rss_mib(pid: int) -> float:
    """VmHWM of the process and of its children (recursively), in MiB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        status = Path(f"/proc/{current}/status").read_text()
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
        for task in Path(f"/proc/{current}/task").iterdir():
            pending += [int(child) for child in (task / "children").read_text().split()]
    return total / 1024


DRAWN = """([title, header]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  if (!h1 || !h1.innerText.includes(title)) return false;
  return !header || [...document.querySelectorAll('[data-testid="stMain"] h2')].some(h => h.innerText.includes(header));
}"""


def timed_draw(page: Any, action: Callable[[], None], title: str, header: str = "") -> float:
    start = time.perf_counter()
    action()
    page.wait_for_function(DRAWN, arg=[title, header], timeout=BROWSER_TIMEOUT_MS, polling=50)
    return time.perf_counter() - start


def visit_pages(page: Any, titles: dict[str, str], uscc: str, name: str) -> dict[str, float]:
    """Every page in turn from the sidebar; the profile last, through its search box (a sidebar link
    carries no ?uscc=), timed from the pick of the enterprise."""
    times = {}
    for key in VISIT_ORDER:
        link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{key}"]')
        times[key] = timed_draw(page, link.click, titles[key])
        if key == "enterprise":
            page.get_by_label(SEARCH_LABEL).fill(uscc)
            page.get_by_label(SEARCH_LABEL).press("Enter")
            box = page.locator('[data-testid="stSelectbox"]')
            box.wait_for(timeout=BROWSER_TIMEOUT_MS)
            page.wait_for_function(DRAWN, arg=[titles[key], ""], timeout=BROWSER_TIMEOUT_MS)
            box.click()
            option = page.get_by_role("option").first
            times[key] = timed_draw(page, option.click, titles[key], name)
    return times


def session(
    url: str, titles: dict[str, str], uscc: str, name: str, ready: threading.Barrier
) -> dict[str, float]:
    from tests.browser.helpers import login

    with browser_page() as page:
        login(page, f"{url}/enterprise", USER, DEMO_PASSWORD)  # its search box: no mart is cached yet
        ready.wait()
        return visit_pages(page, titles, uscc, name)


@contextmanager
def browser_page() -> Iterator[Any]:
    """A page of a fresh headless Chromium profile, desktop-sized, in Chinese."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport={"width": 1500, "height": 1100},
            locale="zh-CN",
        )  # fmt: skip
        page = context.new_page()
        page.set_default_timeout(BROWSER_TIMEOUT_MS)
        try:
            yield page
        finally:
            context.close()


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time every core of the machine spent not idle, in seconds (the first line of /proc/stat)."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass
class Concurrency:
    draws: list[dict[str, float]]  # per session, per page: seconds to draw
    rss_mib: float  # the server's peak
    server_cpu: float  # seconds of CPU the server used while the sessions visited the pages
    machine_cpu: (
        float  # seconds of CPU every process used meanwhile (the browsers, the benchmark, the server)
    )
    wall: float


def concurrent_run(path: Path, n: int, titles: dict[str, str], uscc: str, name: str) -> Concurrency:
    """Draw times of each of `n` sessions on a fresh server, its peak RSS and who used the CPU."""
    with server(path) as (url, process):
        cpu_start, busy_start, wall_start = (
            process_cpu_seconds(process.pid),
            machine_busy_seconds(),
            time.perf_counter(),
        )
        ready = threading.Barrier(n)
        results: list[dict[str, float] | BaseException] = [RuntimeError("no result")] * n

        def run(i: int) -> None:
            try:
                results[i] = session(url, titles, uscc, name, ready)
            except BaseException as error:  # reported below, with the others
                ready.abort()
                results[i] = error

        threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall, busy = time.perf_counter() - wall_start, machine_busy_seconds() - busy_start
        server_cpu = process_cpu_seconds(process.pid) - cpu_start
        rss = peak_rss_mib(process.pid)
    errors = [r for r in results if isinstance(r, BaseException)]
    if errors:
        raise RuntimeError(f"{len(errors)} of {n} sessions failed: {errors[0]!r}")
    return Concurrency(results, rss, server_cpu, busy, wall)  # type: ignore[arg-type]


def enterprise_name(path: Path, uscc: str) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT name FROM enterprises WHERE uscc = $u", {"u": uscc}).fetchone()[0]


# --- report ---------------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def print_sets(sets: dict[tuple[str, str], Recorded]) -> None:
    print("\n### Recorded query sets (scale 1, AppTest, empty cache, as demo-leader)\n")
    print("| page | filters | calls | marts | the calls | marts run twice |")
    print("|---|---|---:|---:|---|---|")
    for (page, choice), rec in sets.items():
        print(
            f"| {page} | {choice} | {len(rec.calls)} | {len(rec.marts)} | {rec.counts()} "
            f"| {rec.twice() or '—'} |"
        )
    for choice in FILTER_CHOICES:
        filters = sets["overview", choice].filters
        print(f"\n{choice}: `{filters}`")


def print_replay(
    scale: float, path: Path, results: dict[tuple[str, str], tuple[Warm, Cold]], repeat: int
) -> None:
    print(f"\n### Scale {scale:g} ({tickets_count(path):,} tickets): warm × {repeat}, cold × {COLD_RUNS}\n")
    print(
        "| page | filters | warm median | warm p95 | slowest call (median) | of it: per-run calls | cold set "
        "| cold open db | process start + exit |"
    )
    print("|---|---|---:|---:|---|---:|---:|---:|---:|")
    for (page, choice), (w, c) in results.items():
        print(
            f"| {page} | {choice} | {ms(w.median)} | {ms(w.p95)} | {w.slowest} ({ms(w.slowest_median)}) "
            f"| {ms(w.per_run)} "
            f"| {ms(c.set)} | {ms(c.open)} | {ms(c.start)} |"
        )
    print(
        f"\nPer-run calls: {', '.join(sorted(PER_RUN))}, issued on every run even when every mart is cached. "
        "Cold: a fresh process runs the set once; opening the database and the process (interpreter, imports, "
        "exit) are timed apart."
    )


def print_growth(scales: list[float], replays: dict[float, dict[tuple[str, str], tuple[Warm, Cold]]]) -> None:
    first, last = scales[0], scales[-1]
    print(f"\n### Growth, scale {first:g} → {last:g} (median of the set)\n")
    print(
        f"| page | filters | warm {first:g} | warm {last:g} | warm ratio | cold {first:g} | cold {last:g} | cold ratio |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for key in replays[first]:
        (w0, c0), (w1, c1) = replays[first][key], replays[last][key]
        print(
            f"| {key[0]} | {key[1]} | {ms(w0.median)} | {ms(w1.median)} | {w1.median / w0.median:.1f}× "
            f"| {ms(c0.set)} | {ms(c1.set)} | {c1.set / c0.set:.1f}× |"
        )


def print_concurrency(scale: float, single: Concurrency, many: Concurrency) -> None:
    n = len(many.draws)
    print(f"\n### Draw time in Chromium, scale {scale:g}: 1 session against {n} at once (default filters)\n")
    print(
        f"| page | 1 session median | 1 session max | {n} sessions median | {n} sessions max | ratio of medians |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for page in VISIT_ORDER:
        one = [run[page] for run in single.draws]
        all_ = [run[page] for run in many.draws]
        m1, mn = statistics.median(one), statistics.median(all_)
        print(f"| {page} | {m1:.2f} s | {max(one):.2f} s | {mn:.2f} s | {max(all_):.2f} s | {mn / m1:.1f}× |")
    print(
        f"\nServer peak RSS (VmHWM, children included): 1 session {single.rss_mib:.0f} MiB, "
        f"{n} sessions {many.rss_mib:.0f} MiB"
    )
    print(f"\nCPU while the sessions visited the pages ({os.cpu_count()} cores):\n")
    print(
        "| sessions | wall | server process | every process (server, browsers, this script) | server share |"
    )
    print("|---:|---:|---:|---:|---:|")
    for run in (single, many):
        print(
            f"| {len(run.draws)} | {run.wall:.1f} s | {run.server_cpu:.1f} s | {run.machine_cpu:.1f} s | "
            f"{run.server_cpu / run.machine_cpu:.0%} |"
        )


# --- main -----------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 20, 100])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--cold-child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold_child(*args.cold_child)
        return
    started, load_start = dt.datetime.now(dt.UTC), load()
    import streamlit

    scales = sorted(set([1.0, *args.scales]))  # the pages are recorded on scale 1
    paths, builds = {}, {}
    for scale in scales:
        paths[scale], builds[scale] = build_db(scale)
    choices = {scale: profile_choice(paths[scale]) for scale in scales}
    park, uscc = choices[1.0]
    sets = record_all(paths[1.0], park, uscc)
    save_sets(sets)
    replays = {
        scale: replay_scale(paths[scale], sets, args.repeat, uscc, choices[scale][1]) for scale in args.scales
    }
    concurrency = None
    if not args.no_browser:
        largest = max(args.scales)
        titles = {page: sets[page, "default"].title for page in PAGES}
        profile = choices[largest][1]
        name = enterprise_name(paths[largest], profile)
        concurrency = (
            largest,
            concurrent_run(paths[largest], 1, titles, profile, name),
            concurrent_run(paths[largest], args.sessions, titles, profile, name),
        )

    print(
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, Streamlit {streamlit.__version__}, "
        f"{os.cpu_count()} cores; load average (1, 5, 15 min) at start {load_start}, at end {load()}; "
        f"started {started:%Y-%m-%d %H:%M} UTC"
    )
    built = [f"scale {s:g}: {'reused' if b is None else f'built in {b:.1f} s'}" for s, b in builds.items()]
    print(
        f"\nDemo databases (seed {SEED}): {', '.join(built)}. Profile: park {park}, enterprise {uscc} at scale 1."
    )
    print_sets(sets)
    for scale in args.scales:
        print_replay(scale, paths[scale], replays[scale], args.repeat)
    if len(args.scales) > 1:
        print_growth(sorted(args.scales), replays)
    if concurrency is not None:
        print_concurrency(*concurrency)


if __name__ == "__main__":
    main()
