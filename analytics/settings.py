"""Configurable values, read from dashboard.toml (or the file named by env DASHBOARD_CONFIG)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "dashboard.toml"
# Metric key -> target; the metric's `better` direction says whether it is a floor or a ceiling.
DEFAULT_TARGETS = {"on_time_rate": 0.95, "satisfaction_rate": 0.90, "median_resolution_days": 7.0}
# The three rates of the ranking's score and their weights (docs/ranking.md); they must sum to 1.
DEFAULT_RANKING_WEIGHTS = {"closure_rate": 0.4, "on_time_rate": 0.3, "satisfaction_rate": 0.3}


@dataclass(frozen=True)
class AuthSettings:
    session_idle_minutes: float = 30  # a session unused this long asks to log in again
    session_hours: float = 12  # a session token expires this long after login, used or not
    lockout_threshold: int = 5  # failed logins in a row that lock the account
    lockout_minutes: float = 15  # how long the account stays locked
    min_password_length: int = 10


@dataclass(frozen=True)
class DatabaseSettings:
    memory_limit: str = "1GB"  # DuckDB's memory for queries (beyond it, large operations spill to disk)
    threads: int | None = None  # DuckDB's worker threads; None: one per core


_MEMORY = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def _database(section: dict[str, object]) -> DatabaseSettings:
    """[database], checked here so that a typo names its key rather than failing inside DuckDB."""
    defaults = DatabaseSettings()
    memory = str(section.get("memory_limit", defaults.memory_limit)).strip()
    if not _MEMORY.fullmatch(memory):
        raise ValueError(
            f'dashboard.toml [database] memory_limit「{memory}」无效，应写如 "1GB" 或 "512MB" / '
            f'invalid memory_limit \'{memory}\': write e.g. "1GB" or "512MB"'
        )
    threads = section.get("threads", defaults.threads)
    if threads is not None and (not isinstance(threads, int) or isinstance(threads, bool) or threads < 1):
        raise ValueError(
            f"dashboard.toml [database] threads「{threads}」无效，应为正整数 / "
            f"invalid threads '{threads}': a whole number of at least 1"
        )
    return DatabaseSettings(memory, threads)


@dataclass(frozen=True)
class Settings:
    max_file_mb: float = 50
    max_rows: int = 2_000_000
    max_uncompressed_mb: int = 1024  # an .xlsx / .ods expanding to more is refused (zip bombs)
    max_cells: int = 20_000_000  # a sheet whose used range holds more cells is refused
    max_reported_rejects: int = 10_000  # rejected rows listed per file (the rest are counted and said)
    reader_memory_mb: int = 4096  # memory of the process that reads an uploaded file
    reader_seconds: float = 120  # time it may take
    default_due_workdays: int = 7
    due_workdays_by_category: dict[str, int] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TARGETS))
    vaccination_threshold: float = 0.80
    auth: AuthSettings = field(default_factory=AuthSettings)
    ranking_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RANKING_WEIGHTS))
    database: DatabaseSettings = field(default_factory=DatabaseSettings)

    def due_workdays(self, category: str) -> int:
        return self.due_workdays_by_category.get(category, self.default_due_workdays)


def load_settings(path: Path | None = None) -> Settings:
    path = path or Path(os.environ.get("DASHBOARD_CONFIG") or DEFAULT_FILE)
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    intake, tickets = data.get("import", {}), data.get("tickets", {})
    defaults, auth = Settings(), data.get("auth", {})
    return Settings(
        max_file_mb=float(intake.get("max_file_mb", defaults.max_file_mb)),
        max_rows=int(intake.get("max_rows", defaults.max_rows)),
        max_uncompressed_mb=int(intake.get("max_uncompressed_mb", defaults.max_uncompressed_mb)),
        max_cells=int(intake.get("max_cells", defaults.max_cells)),
        max_reported_rejects=int(intake.get("max_reported_rejects", defaults.max_reported_rejects)),
        reader_memory_mb=int(intake.get("reader_memory_mb", defaults.reader_memory_mb)),
        reader_seconds=float(intake.get("reader_seconds", defaults.reader_seconds)),
        default_due_workdays=int(tickets.get("default_due_workdays", defaults.default_due_workdays)),
        due_workdays_by_category={k: int(v) for k, v in tickets.get("due_workdays_by_category", {}).items()},
        targets={**DEFAULT_TARGETS, **{k: float(v) for k, v in data.get("targets", {}).items()}},
        vaccination_threshold=float(
            data.get("vaccination", {}).get("threshold", defaults.vaccination_threshold)
        ),
        auth=AuthSettings(
            session_idle_minutes=float(auth.get("session_idle_minutes", defaults.auth.session_idle_minutes)),
            session_hours=float(auth.get("session_hours", defaults.auth.session_hours)),
            lockout_threshold=int(auth.get("lockout_threshold", defaults.auth.lockout_threshold)),
            lockout_minutes=float(auth.get("lockout_minutes", defaults.auth.lockout_minutes)),
            min_password_length=int(auth.get("min_password_length", defaults.auth.min_password_length)),
        ),
        ranking_weights=_ranking_weights(data.get("ranking", {})),
        database=_database(data.get("database", {})),
    )


def _ranking_weights(section: dict[str, object]) -> dict[str, float]:
    """The weights as written (analytics.ranking checks that they sum to 1 where the score is computed)."""
    return {key: float(section.get(f"w_{key}", value)) for key, value in DEFAULT_RANKING_WEIGHTS.items()}
