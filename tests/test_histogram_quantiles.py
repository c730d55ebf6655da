"""hist_interpolate and hist_value_at over hist_keys / hist_upto of a histogram (sql/views/10_clean.sql),
which the ticket marts compute medians, P90s, quartiles and the median's interval with, equal DuckDB's
quantile_cont and the k-th smallest value for any integers (NULLs ignored, negative values, ties, one row,
none)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import db

QUANTILES = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = db.connect(tmp_path_factory.mktemp("histogram") / "h.duckdb")
    yield connection
    connection.close()


rows = st.lists(st.tuples(st.integers(0, 2), st.one_of(st.none(), st.integers(-5, 400))), max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows, q=st.sampled_from(QUANTILES))
def test_hist_interpolate_is_quantile_cont(con, rows, q):
    cur = con.cursor()
    cur.execute("CREATE OR REPLACE TEMP TABLE t (g INTEGER, x BIGINT)")
    if rows:
        cur.executemany("INSERT INTO t VALUES (?, ?)", rows)
    got = dict(cur.execute(
        "SELECT g, hist_interpolate(hist_keys(h), hist_upto(h), ?) "
        "FROM (SELECT g, histogram(x) AS h FROM t GROUP BY GROUPING SETS ((g), ()))", [q]
    ).fetchall())  # fmt: skip
    wanted = dict(
        cur.execute("SELECT g, quantile_cont(x, ?) FROM t GROUP BY GROUPING SETS ((g), ())", [q]).fetchall()
    )
    assert got.keys() == wanted.keys()
    for group, value in wanted.items():
        assert (got[group] is None) == (value is None), (group, got[group], value)
        if value is not None:
            assert math.isclose(got[group], value, rel_tol=1e-12, abs_tol=1e-12), (group, got[group], value)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.integers(-5, 60), min_size=1, max_size=40), data=st.data())
def test_hist_value_at_is_the_kth_smallest(con, values, data):
    position = data.draw(st.integers(1, len(values)))
    cur = con.cursor()
    (got,) = cur.execute(
        "SELECT hist_value_at(hist_keys(h), hist_upto(h), ? - 1) "
        "FROM (SELECT histogram(x) AS h FROM (SELECT unnest(?::BIGINT[]) AS x))",
        [position, values],
    ).fetchone()
    assert got == sorted(values)[position - 1]
