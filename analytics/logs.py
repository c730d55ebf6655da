"""Where analytics/ writes what went wrong: a log file beside the database, never the user's screen.

Refusals name a reference (e.g. "参考编号 3aa41c2d"); the same reference and the details (a reading
library's last words, a traceback) are in this file.
"""

from __future__ import annotations

import logging
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_path(db_path: Path) -> Path:
    """The log of a database file: data/shishan.duckdb → data/shishan.log."""
    return Path(db_path).with_suffix(".log")


def configure(db_path: Path) -> Path:
    """Send the analytics loggers' warnings and errors to the database's log file (once per process)."""
    path = log_path(db_path)
    logger = logging.getLogger("analytics")
    if not any(getattr(h, "baseFilename", None) == str(path.resolve()) for h in logger.handlers):
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    return path
