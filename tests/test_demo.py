"""The demo generator: deterministic, valid per docs/datasets.md rules, and calibrated to the source on 长虹岭."""

import datetime as dt

import pandas as pd
import pytest

from analytics import db
from analytics.demo.catalog import START
from analytics.demo.generate import generate
from analytics.demo.load import DemoRefused, load_demo
from analytics.domain import SERVICE_CATEGORIES, TICKET_CATEGORIES
from analytics.uscc import is_valid


@pytest.fixture(scope="module")
def demo():
    return generate(seed=1, scale=1.0)


def test_same_seed_same_rows_other_seed_other_rows():
    first, again, other = generate(7, 0.3), generate(7, 0.3), generate(8, 0.3)
    for name, frame in first.tables().items():
        pd.testing.assert_frame_equal(frame, again.tables()[name])
    assert not first.tickets["received_date"].equals(other.tickets["received_date"])


def test_six_centers_with_two_to_four_parks(demo):
    assert len(demo.centers) == 6
    assert demo.parks.groupby("center").size().between(2, 4).all()
    assert demo.centers.loc[demo.centers["center"] == "长虹岭", "is_illustrative"].tolist() == [False]
    assert demo.centers["is_illustrative"].sum() == 5


def test_changhongling_matches_the_source(demo):
    ent = demo.enterprises[demo.enterprises["center"] == "长虹岭"]
    assert 280 <= len(ent) <= 300
    assert ent[["is_above_scale", "is_high_tech", "is_eagle", "is_listed"]].sum().tolist() == [48, 18, 4, 1]
    assert 19_500 <= ent["employees"].sum() <= 20_500
    assert demo.parks.loc[demo.parks["center"] == "长虹岭", "area_km2"].sum() == pytest.approx(5.32)
    assert (demo.service_staff["center"] == "长虹岭").sum() == 20
    output = demo.output_monthly.merge(ent[["uscc"]])
    in_2020 = output[output["period"].dt.year == 2020]["output_wan"].sum()
    assert 2_100_000 < in_2020 < 2_120_000  # just over 210亿元
    visits = demo.visits.merge(ent[["uscc"]])
    first_two_months = visits[visits["visit_date"] < pd.Timestamp(2020, 9, 1)]
    assert first_two_months["uscc"].nunique() >= 290
    venues = set(demo.activities.loc[demo.activities["center"] == "长虹岭", "venue"])
    assert venues == {"党群服务中心", "长虹岭职工家活动中心", "罗马职工文化广场", "小候鸟亲子活动中心"}


def test_changhongling_leading_firms_near_90_percent_vaccinated_by_june_2021(demo):
    leading = demo.enterprises[(demo.enterprises["center"] == "长虹岭") & demo.enterprises["is_above_scale"]]
    snapshots = demo.vaccination_snapshots.merge(leading[["uscc"]])
    june = snapshots[snapshots["as_of"] == pd.Timestamp(2021, 6, 30)]
    assert 0.85 <= june["dose1"].sum() / june["staff_total"].sum() <= 0.95
    assert (snapshots["as_of"] == pd.Timestamp(2021, 5, 11)).any()  # the on-site point of 10–11 May


def test_resolution_times_median_near_six_days_with_a_long_tail(demo):
    closed = demo.tickets.dropna(subset=["closed_date"])
    days = (closed["closed_date"] - closed["received_date"]).dt.days
    assert 5 <= days.median() <= 7
    assert (days > 90).sum() >= 30
    assert 1 <= (days > 365).sum() <= 20
    by_center = closed.merge(demo.enterprises[["uscc", "center"]]).assign(days=days.to_numpy())
    medians = by_center.groupby("center")["days"].median()
    assert medians.max() - medians.min() >= 3  # centers differ enough to compare


def test_rows_follow_the_dataset_rules(demo):
    assert demo.enterprises["uscc"].map(is_valid).all()
    assert demo.enterprises["uscc"].is_unique and demo.enterprises["name"].is_unique
    tickets = demo.tickets
    assert set(tickets["category"]) <= set(TICKET_CATEGORIES)
    closed = tickets["closed_date"].notna()
    assert (tickets.loc[closed, "closed_date"] >= tickets.loc[closed, "received_date"]).all()
    assert (tickets.loc[closed, "status"] == "已办结").all()
    assert (tickets.loc[~closed, "status"] != "已办结").all()
    assert tickets["received_date"].min() >= pd.Timestamp(START)
    assert tickets["row_key"].is_unique and demo.visits["row_key"].is_unique
    vac = demo.vaccination_snapshots
    assert (vac["dose1"] <= vac["staff_total"]).all()
    assert (vac["full_course"].fillna(0) <= vac["dose1"]).all()
    assert (vac["booster"].fillna(0) <= vac["full_course"].fillna(0)).all()
    assert set(demo.activities["category"]) == set(SERVICE_CATEGORIES)
    assert demo.output_monthly["period"].min() == pd.Timestamp(2019, 1, 1)


def test_scale_multiplies_enterprises_and_events(demo):
    double = generate(seed=1, scale=2.0)
    assert len(double.enterprises) == 2 * len(demo.enterprises)
    assert 1.8 < len(double.tickets) / len(demo.tickets) < 2.2
    assert 1.8 < len(double.activities) / len(demo.activities) < 2.2
    assert len(double.centers) == 6


def test_load_replaces_demo_data_but_never_imported_data(tmp_path):
    con = db.connect(tmp_path / "d.duckdb")
    load_demo(con, seed=3, scale=0.1)
    load_demo(con, seed=4, scale=0.1)  # demo over demo: replaced, not added
    (batches,) = con.execute("SELECT count(*) FROM import_batches").fetchone()
    assert batches == 7
    assert db.has_demo_data(con)
    con.execute(
        "INSERT INTO import_batches (file_name, sha256, dataset) VALUES ('real.xlsx', 'x', 'tickets')"
    )
    before = con.execute("SELECT count(*) FROM tickets").fetchone()
    with pytest.raises(DemoRefused, match="真实数据"):
        load_demo(con, seed=5, scale=0.1)
    assert con.execute("SELECT count(*) FROM tickets").fetchone() == before


def test_migrations_are_idempotent(tmp_path):
    path = tmp_path / "m.duckdb"
    con = db.connect(path)
    assert db.migrate(con) == []
    con.close()
    con = db.connect(path)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (
        len(list(db.MIGRATIONS_DIR.glob("*.sql"))),
    )
    assert db.is_empty(con)
    assert dt.date(2021, 10, 9) in set(
        con.execute("SELECT day FROM calendar_days WHERE is_workday").df()["day"].dt.date
    )
