"""Configurable values, read from dashboard.toml (or the file named by env DASHBOARD_CONFIG)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "dashboard.toml"
# Metric key -> target; the metric's `better` direction says whether it is a floor or a ceiling.
DEFAULT_TARGETS = {"on_time_rate": 0.95, "satisfaction_rate": 0.90, "median_resolution_days": 7.0}


@dataclass(frozen=True)
class Settings:
    max_file_mb: float = 50
    max_rows: int = 2_000_000
    default_due_workdays: int = 7
    due_workdays_by_category: dict[str, int] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TARGETS))
    vaccination_threshold: float = 0.80

    def due_workdays(self, category: str) -> int:
        return self.due_workdays_by_category.get(category, self.default_due_workdays)


def load_settings(path: Path | None = None) -> Settings:
    path = path or Path(os.environ.get("DASHBOARD_CONFIG") or DEFAULT_FILE)
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    intake, tickets = data.get("import", {}), data.get("tickets", {})
    defaults = Settings()
    return Settings(
        max_file_mb=float(intake.get("max_file_mb", defaults.max_file_mb)),
        max_rows=int(intake.get("max_rows", defaults.max_rows)),
        default_due_workdays=int(tickets.get("default_due_workdays", defaults.default_due_workdays)),
        due_workdays_by_category={k: int(v) for k, v in tickets.get("due_workdays_by_category", {}).items()},
        targets={**DEFAULT_TARGETS, **{k: float(v) for k, v in data.get("targets", {}).items()}},
        vaccination_threshold=float(
            data.get("vaccination", {}).get("threshold", defaults.vaccination_threshold)
        ),
    )
