"""center_kpis by topic: a page about one ledger computes only that section of the KPI table (and the
registry's counts); what it gets is exactly the full table's columns, and nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analytics import db
from analytics.filters import Filters
from analytics.kpis import SECTIONS, TOPICS, center_kpis
from analytics.metrics import KEYS
from analytics.periods import Period

YEAR = Period(dt.date(2021, 7, 1), dt.date(2022, 6, 30))
CHOICES = [
    Filters(YEAR),
    Filters(YEAR, centers=("长虹岭",)),
    Filters(YEAR, centers=("长虹岭",), parks=("长虹岭工业园",)),
    Filters(YEAR, types=("high_tech",)),
    Filters(YEAR.previous()),
    Filters(Period(dt.date(2022, 3, 1), dt.date(2022, 3, 1))),
]
IDS = ["all", "center", "park", "type", "previous", "one-day"]


@pytest.fixture(scope="module")
def con(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("sections") / "demo.duckdb"
    path.write_bytes(demo_db_template.read_bytes())
    return db.connect(path)


def test_the_sections_share_out_the_catalog():
    keys = [key for section in SECTIONS.values() for key in section]
    assert sorted(keys) == sorted(KEYS) and len(keys) == len(set(keys))


@pytest.mark.parametrize("filters", CHOICES, ids=IDS)
@pytest.mark.parametrize("topic", TOPICS)
def test_one_topic_is_the_full_tables_columns(con, filters, topic):
    full = center_kpis(con, filters)
    mine = center_kpis(con, filters, (topic,))
    columns = [
        "is_total",
        "center",
        "is_illustrative",
        *(k for k in KEYS if k in SECTIONS["registry"] + SECTIONS[topic]),
    ]
    assert list(mine.columns) == columns
    if filters == CHOICES[0]:  # a comparison of something, not of zeros
        assert (full[list(SECTIONS[topic])].iloc[-1].fillna(0) != 0).all(), full.iloc[-1]
    pd.testing.assert_frame_equal(mine, full[columns])


def test_an_unknown_topic_is_refused(con):
    with pytest.raises(ValueError, match="unknown KPI topics"):
        center_kpis(con, Filters(YEAR), ("vists",))
