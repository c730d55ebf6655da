import datetime as dt

import pytest

from analytics.filters import Filters
from analytics.periods import Period

PERIOD = Period(dt.date(2021, 7, 1), dt.date(2022, 6, 30))


def test_params_bind_every_value_as_a_list_or_date():
    filters = Filters(PERIOD, centers=("长虹岭",), parks=("长虹岭工业园",), types=("listed",))
    assert filters.params() == {
        "date_from": dt.date(2021, 7, 1),
        "date_to": dt.date(2022, 6, 30),
        "centers": ["长虹岭"],
        "parks": ["长虹岭工业园"],
        "types": ["listed"],
        "categories": [],
    }


def test_filters_are_hashable_and_comparable():
    assert hash(Filters(PERIOD, ("a",))) == hash(Filters(PERIOD, ("a",)))
    assert Filters(PERIOD).previous() == Filters(Period(dt.date(2020, 7, 1), dt.date(2021, 6, 30)))


def test_unknown_enterprise_type_is_refused():
    with pytest.raises(ValueError, match="unknown enterprise types"):
        Filters(PERIOD, types=("big",))


def test_sentence_in_chinese_and_english():
    assert Filters(PERIOD).describe("zh", center_count=6) == (
        "统计期间 2021年7月1日至2022年6月30日｜产业社区：全部（6个）｜园区：全部｜企业类型：全部企业"
    )
    chosen = Filters(PERIOD, centers=("长虹岭", "罗村"), types=("above_scale", "high_tech"))
    assert chosen.describe("en", center_count=6) == (
        "Period 1 Jul 2021 – 30 Jun 2022 | Centers: 长虹岭 Changhongling, 罗村 Luocun | Parks: all | "
        "Enterprise type: Above designated size, High-tech (any of)"
    )
    assert "企业类型：规上企业｜" not in chosen.describe("zh", 6)
    assert Filters(PERIOD, types=("eagle",)).describe("zh", 6).endswith("企业类型：雄鹰计划企业")
    drilled = Filters(PERIOD, categories=("市政设施",))
    assert drilled.describe("zh", 6).endswith("｜诉求类别：市政设施")
    assert drilled.describe("en", 6).endswith(" | Categories: Municipal facilities")
