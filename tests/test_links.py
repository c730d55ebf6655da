"""analytics/links.py: whatever a URL holds, the filters it asks for are read into usable values, and what
could not be used is named."""

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.filters import Filters
from analytics.links import (
    Correction,
    filter_params,
    read_drill,
    read_filters,
    read_lang,
    read_period,
)
from analytics.periods import Period

D = dt.date
DEFAULT = Period(D(2021, 7, 1), D(2022, 6, 30))
CENTERS = ["长虹岭", "罗村", "大学城"]
PARKS = {"长虹岭北园": "长虹岭", "长虹岭工业园": "长虹岭", "联星工业园": "罗村", "软件科技园": "大学城"}


def read(**params: list[str]):
    return read_filters(params, CENTERS, PARKS, DEFAULT)


@pytest.mark.parametrize(
    ("values", "period", "message"),
    [
        ([], DEFAULT, None),
        (["2022-03-15"], Period(D(2022, 3, 15), D(2022, 3, 15)), None),
        (["2022-03-15", "2022-03-15"], Period(D(2022, 3, 15), D(2022, 3, 15)), None),
        (["2022-01-01", "2022-03-31"], Period(D(2022, 1, 1), D(2022, 3, 31)), None),
        (["2022-06-30", "2022-01-01"], Period(D(2022, 1, 1), D(2022, 6, 30)), "link.period_reversed"),
        (["2022-02-30", "2022-06-30"], DEFAULT, "link.period_invalid"),
        (["garbage"], DEFAULT, "link.period_invalid"),
        (["20220315"], DEFAULT, "link.period_invalid"),
        (["2022-01-01", "2022-02-01", "2022-03-01"], DEFAULT, "link.period_invalid"),
        (["1900-01-01", "2022-01-01"], DEFAULT, "link.period_out_of_range"),
        ([""], DEFAULT, None),
    ],
)
def test_period(values, period, message):
    read_as, corrections = read_period(values, DEFAULT)
    assert read_as == period
    assert [c.message for c in corrections] == ([message] if message else [])
    if message:
        assert corrections[0].values == tuple(values)


def test_what_exists_and_fits_is_kept_the_rest_named():
    link = read(
        center=["长虹岭", "nowhere", "长虹岭"],
        park=["长虹岭北园", "联星工业园", "无此园区"],
        type=["listed", "big"],
    )
    assert (link.centers, link.parks, link.types) == (("长虹岭",), ("长虹岭北园",), ("listed",))
    assert link.period == DEFAULT
    assert link.corrections == (
        Correction("link.center_unknown", ("nowhere",)),
        Correction("link.park_unknown", ("无此园区",)),
        Correction("link.park_other_center", ("联星工业园",)),
        Correction("link.type_unknown", ("big",)),
    )


def test_any_park_fits_when_no_center_is_chosen():
    link = read(park=["联星工业园", "软件科技园"])
    assert link.parks == ("联星工业园", "软件科技园") and not link.corrections


def test_a_park_of_an_unknown_center_alone_is_kept():
    link = read(center=["nowhere"], park=["联星工业园"])
    assert link.centers == () and link.parks == ("联星工业园",)
    assert [c.message for c in link.corrections] == ["link.center_unknown"]


@pytest.mark.parametrize(
    ("values", "lang", "corrections"),
    [([], "zh", ()), (["English"], "en", ()), (["中文"], "zh", ()), (["", "English"], "en", ()),
     (["English", "English"], "en", ()),
     (["Klingon"], "zh", (Correction("link.lang_unknown", ("Klingon",)),)),
     (["en"], "zh", (Correction("link.lang_unknown", ("en",)),)),
     (["English", "中文"], "en", (Correction("link.lang_extra", ("中文",)),)),
     (["xx", "English"], "zh",
      (Correction("link.lang_unknown", ("xx",)), Correction("link.lang_extra", ("English",))))],
)  # fmt: skip
def test_lang_is_the_first_value_like_the_switch_bound_to_the_url(values, lang, corrections):
    assert read_lang(values) == (lang, corrections)


def test_drill_down():
    assert read_drill({"focus": ["罗村"], "category": ["市政设施"]}, CENTERS, ()) == ("罗村", "市政设施", ())
    assert read_drill({}, CENTERS, ()) == (None, None, ())
    assert read_drill({"focus": ["x"], "category": ["y"]}, CENTERS, ()) == (
        None,
        None,
        (Correction("link.focus_unknown", ("x",)), Correction("link.category_unknown", ("y",))),
    )
    assert read_drill({"focus": ["罗村", "", "罗村"], "category": ["市政设施", ""]}, CENTERS, ()) == (
        "罗村",
        "市政设施",
        (),
    )
    assert read_drill({"focus": ["罗村", "长虹岭"], "category": ["市政设施", "y"]}, CENTERS, ()) == (
        None,
        None,
        (
            Correction("link.focus_several", ("罗村", "长虹岭")),
            Correction("link.category_several", ("市政设施", "y")),
        ),
    )
    assert read_drill({"focus": ["罗村"]}, CENTERS, ("长虹岭",)) == (
        None,
        None,
        (Correction("link.focus_outside", ("罗村",)),),
    )


def test_filter_params_leave_out_defaults_and_write_one_day_as_one_date():
    assert filter_params(Filters(DEFAULT), DEFAULT) == {"period": [], "center": [], "park": [], "type": []}
    one_day = Filters(Period(D(2022, 3, 15), D(2022, 3, 15)), centers=("罗村",), types=("eagle",))
    assert filter_params(one_day, DEFAULT) == {
        "period": ["2022-03-15"],
        "center": ["罗村"],
        "park": [],
        "type": ["eagle"],
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(["period", "center", "park", "type", "other"]),
        st.lists(
            st.one_of(st.text(max_size=12), st.sampled_from([*CENTERS, *PARKS, "listed", "2022-01-31"])),
            max_size=5,
        ),
    )
)
def test_any_url_reads_into_valid_filters_that_round_trip(params):
    link = read(**params)
    filters = Filters(link.period, link.centers, link.parks, link.types)  # raises if a type is unknown
    assert set(link.centers) <= set(CENTERS) and set(link.parks) <= set(PARKS)
    assert read(**filter_params(filters, DEFAULT)) == dataclasses.replace(link, corrections=())
