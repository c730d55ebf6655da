"""AppTest: every link renders, applies what is valid and says in one notice what it ignored or corrected;
the filters survive language and page switches; the period presets set the date range and the URL."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from analytics.demo.load import DEMO_PASSWORD
from analytics.i18n import t
from tests.apptest_login import DEMO_USERS, ROOT, goto, logged_in, submit_login
from tests.apptest_pages import shown

D = dt.date
SENTENCE = "统计期间 2021年7月1日至2022年6月30日｜产业社区：全部（6个）｜园区：全部｜企业类型：全部企业"


def opened(**query: list[str]):
    """The root URL with `query`, logged in as the admin."""
    at = logged_in(None, "admin", **query)
    assert not at.exception, at.exception
    return at


def opened_at(url_path: str, role: str = "admin", **query: list[str]):
    """/<url_path>?<query> opened in a new session: the login page there, then (logged in) that page."""
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90)
    for key, values in query.items():
        at.query_params[key] = values
    goto(at.run(), url_path)
    submit_login(at, DEMO_USERS[role], DEMO_PASSWORD)
    assert not at.exception, at.exception
    return at


def url(at, name: str) -> list[str]:
    """Every value of a URL parameter (AppTest keeps a single value unwrapped)."""
    values = at.query_params.get(name, [])
    return values if isinstance(values, list) else [values]


def notices(at) -> list[str]:
    """The link notices of the page (at most one is right), as a reader sees them."""
    return [shown(w.value) for w in at.warning if w.icon == ":material/link_off:"]


@pytest.mark.parametrize(
    ("query", "sentence", "line"),
    [
        (
            {"period": ["2022-06-30", "2022-01-01"]},
            "统计期间 2022年1月1日至2022年6月30日｜",
            "统计期间 “2022-06-30”、“2022-01-01” 的结束日期早于开始日期，已对调",
        ),
        (
            {"period": ["2022-02-30", "2022-06-30"]},
            SENTENCE,
            "无法识别的统计期间 “2022-02-30”、“2022-06-30”",
        ),
        ({"period": ["garbage"]}, SENTENCE, "无法识别的统计期间 “garbage”"),
        ({"period": ["1900-01-01"]}, SENTENCE, "统计期间 “1900-01-01” 超出可选范围"),
        ({"center": ["nowhere", "长虹岭"]}, "｜产业社区：长虹岭｜", "未知的产业社区 “nowhere”，已忽略"),
        ({"park": ["无此园区"]}, SENTENCE, "未知的园区 “无此园区”，已忽略"),
        (
            {"center": ["长虹岭"], "park": ["联星工业园", "长虹岭北园"]},
            "｜产业社区：长虹岭｜园区：长虹岭北园｜",
            "园区 “联星工业园” 不属于所选产业社区，已忽略",
        ),
        ({"type": ["big", "listed"]}, "｜企业类型：上市企业", "未知的企业类型 “big”，已忽略"),
        ({"lang": ["Klingon"]}, SENTENCE, "未知的语言 “Klingon”，已使用中文"),
    ],
)
def test_a_link_that_asks_for_something_impossible_renders_with_one_notice(app_env, query, sentence, line):
    at = opened(**query)
    assert at.title[0].value == "各产业社区总览"
    assert sentence in at.caption[0].value
    [notice] = notices(at)
    assert notice.startswith("链接中有部分设置无法使用，页面按其余设置显示：")
    assert line in notice


def test_everything_wrong_at_once_is_one_notice_in_english(app_env):
    at = opened(
        lang=["English"],
        period=["2022-06-30", "2022-01-01"],
        center=["长虹岭", "nowhere"],
        park=["联星工业园"],
        type=["big", "listed"],
    )
    assert at.caption[0].value == (
        "Period 1 Jan 2022 – 30 Jun 2022 | Centers: 长虹岭 Changhongling | Parks: all | Enterprise type: Listed"
    )
    [notice] = notices(at)
    assert notice.splitlines()[0] == "Part of this link could not be used; the page shows the rest:"
    assert [line for line in notice.splitlines() if line.startswith("- ")] == [
        "- Period “2022-06-30”, “2022-01-01” ends before it starts: the dates were swapped",
        "- Unknown center “nowhere”: ignored",
        "- Park “联星工业园” does not belong to the chosen centers: ignored",
        "- Unknown enterprise type “big”: ignored",
    ]
    # the URL now says what the page shows
    assert url(at, "period") == ["2022-01-01", "2022-06-30"]
    assert url(at, "center") == ["长虹岭"] and url(at, "type") == ["listed"]
    assert url(at, "park") == []


@pytest.mark.parametrize(
    ("langs", "title", "said"),
    [
        (["English", "English"], "Centers at a glance", []),
        (["English", "中文"], "Centers at a glance", ["- Further language “中文” in the link: ignored"]),
        (
            ["xx", "English"],
            "各产业社区总览",
            ["- 未知的语言 “xx”，已使用中文", "- 链接中多余的语言 “English”，已忽略"],
        ),
    ],
)
def test_a_repeated_language_is_said_as_the_page_shows_it(app_env, langs, title, said):
    at = opened(lang=langs)
    assert at.title[0].value == title  # the switch, bound to the URL, reads the first value
    assert [line for notice in notices(at) for line in notice.splitlines() if line.startswith("- ")] == said


def test_the_notice_escapes_the_url_and_cuts_long_values(app_env):
    at = opened(center=["![x](http://evil.example/x.png) $x$ :red[y]", "长" * 500])
    [warning] = [w for w in at.warning if w.icon == ":material/link_off:"]
    assert "![x](" not in warning.value and "$x$" not in warning.value and ":red[" not in warning.value
    assert "长" * 60 + "…" in warning.value and "长" * 61 not in warning.value


def test_a_valid_link_has_no_notice(app_env):
    at = opened(period=["2021-01-01", "2021-06-30"], center=["长虹岭"], type=["high_tech"])
    assert not notices(at)


def test_a_single_day_period_round_trips(app_env):
    at = opened(period=["2022-03-15"])
    assert at.caption[0].value.startswith("统计期间 2022年3月15日至2022年3月15日｜")
    assert not notices(at)
    assert at.date_input(key="period").value == (D(2022, 3, 15), D(2022, 3, 15))
    assert url(at, "period") == ["2022-03-15"]
    at.switch_page("views/tickets.py").run()
    assert at.caption[0].value.startswith("统计期间 2022年3月15日至2022年3月15日｜")
    assert url(at, "period") == ["2022-03-15"]


def test_one_day_picked_in_the_date_range_is_a_period_of_one_day(app_env):
    at = opened()
    at.date_input(key="period").set_value((D(2022, 3, 15),)).run()
    assert not at.exception
    assert at.caption[0].value.startswith("统计期间 2022年3月15日至2022年3月15日｜")
    assert url(at, "period") == ["2022-03-15"]


def test_the_notice_stays_with_the_view_and_goes_when_the_user_moves_on(app_env):
    at = opened(center=["nowhere"])
    assert notices(at)
    at.button_group(key="overview_view").set_value("change").run()  # same view: still said
    assert notices(at)
    at.button_group(key="lang").set_value("en").run()  # said again in English
    assert notices(at) == [
        "Part of this link could not be used; the page shows the rest:\n\n- Unknown center “nowhere”: ignored"
    ]
    at.multiselect(key="center").select("罗村").run()
    assert not notices(at)


def test_the_notice_goes_with_a_page_switch(app_env):
    at = opened(type=["big"])
    assert notices(at)
    at.switch_page("views/visits.py").run()
    assert not at.exception and not notices(at)


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ({"focus": ["nowhere"]}, "未知的聚焦产业社区 “nowhere”，已忽略"),
        ({"focus": ["长虹岭"], "category": ["<b>junk</b>"]}, "未知的诉求类别 “<b>junk</b>”，已忽略"),
        ({"center": ["罗村"], "focus": ["长虹岭"]}, "聚焦的产业社区 “长虹岭” 不在所选产业社区中，已忽略"),
    ],
)
def test_a_drill_down_that_cannot_narrow_the_page_is_said_not_shown(app_env, query, line):
    at = opened_at("tickets", **query)
    assert at.title[0].value == "企业诉求办理"
    [notice] = notices(at)
    assert line in notice
    chips = [m.value for m in at.markdown if "已聚焦" in m.value]
    if query.get("focus") == ["长虹岭"] and "center" not in query:
        assert chips and "长虹岭" in shown(chips[0]) and "junk" not in chips[0]  # the valid part applies
    else:
        assert not chips
    assert "nowhere" not in str(at.query_params) and "junk" not in str(at.query_params)


def test_a_repeated_drill_down_narrows_by_its_one_value_or_not_at_all_said(app_env):
    at = opened_at("tickets", focus=["长虹岭", "罗村"], category=["市政设施", "", "市政设施"])
    [notice] = notices(at)
    assert "只能聚焦一个产业社区：“长虹岭”、“罗村”，已忽略" in notice
    assert "｜产业社区：全部（6个）｜" in at.caption[0].value  # neither center: not the last one, silently
    assert at.caption[0].value.endswith("｜诉求类别：市政设施")
    assert url(at, "focus") == [] and url(at, "category") == ["市政设施"]  # the URL says what the page shows
    [chip] = [shown(m.value) for m in at.markdown if "已聚焦" in m.value]
    assert "市政设施" in chip and "罗村" not in chip


def test_the_drill_down_chip_speaks_the_language_of_the_page(app_env):
    at = opened_at("tickets", focus=["长虹岭"], category=["市政设施"])
    at.button_group(key="lang").set_value("en").run()
    [chip] = [shown(m.value) for m in at.markdown if "Narrowed to:" in m.value]
    assert chip == "**Narrowed to:** 长虹岭 Changhongling · Municipal facilities"  # as in the sentence above


def test_a_drill_down_with_a_blank_repeat_still_narrows_and_shows_its_chip(app_env):
    at = opened_at("tickets", focus=["长虹岭", ""])
    assert not notices(at)
    assert "｜产业社区：长虹岭｜" in at.caption[0].value
    assert url(at, "focus") == ["长虹岭"]
    [chip] = [shown(m.value) for m in at.markdown if "已聚焦" in m.value]
    assert "长虹岭" in chip


@pytest.mark.parametrize(
    "uscc", ["not-a-code", "'; DROP TABLE enterprises; --", "![x](http://e.example)", "9" * 300]
)
def test_the_profile_of_a_junk_uscc_says_so(app_env, uscc):
    at = opened_at("enterprise", uscc=[uscc])
    assert at.warning and "![x](" not in at.warning[0].value


def test_the_declared_url_path_opens_the_overview(app_env):
    at = opened()
    assert at.title[0].value == "各产业社区总览"  # the root URL: the first page
    # Streamlit answers /overview only if a page is registered there (the default page is served at /)
    assert "overview" in [info["url_pathname"] for info in at._registered_pages.values()]
    goto(at, "tickets")
    goto(at, "overview")
    assert not at.exception and not at.error
    assert at.title[0].value == "各产业社区总览"


def test_the_declared_url_path_opens_the_overview_after_logging_in(app_env):
    at = opened_at("overview", "leader", center=["长虹岭"])
    assert not at.error
    assert "overview" in [info["url_pathname"] for info in at._registered_pages.values()]
    assert at.title[0].value == "各产业社区总览"
    assert "｜产业社区：长虹岭｜" in at.caption[0].value


def test_switching_the_language_keeps_every_filter(app_env):
    at = opened(period=["2021-01-01", "2021-06-30"], center=["长虹岭"], park=["长虹岭北园"])
    at.multiselect(key="type").select("high_tech").run()
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.caption[0].value == (
        "Period 1 Jan 2021 – 30 Jun 2021 | Centers: 长虹岭 Changhongling | Parks: 长虹岭北园 Changhongling North Park | "
        "Enterprise type: High-tech"
    )
    types = at.multiselect(key="type")
    assert types.value == ["high_tech"] and types.format_func("high_tech") == "High-tech"
    at.button_group(key="lang").set_value("zh").run()
    assert at.caption[0].value.endswith("产业社区：长虹岭｜园区：长虹岭北园｜企业类型：高新技术企业")
    assert url(at, "type") == ["high_tech"] and url(at, "park") == ["长虹岭北园"]


def test_page_switches_keep_every_filter(app_env):
    at = opened(lang=["English"], period=["2022-01-01", "2022-03-31"], center=["罗村"], type=["eagle"])
    expected = f"Period 1 Jan 2022 – 31 Mar 2022 | Centers: 罗村 Luocun | Parks: all | Enterprise type: {t('type.eagle', 'en')}"
    for page in ("views/tickets.py", "views/visits.py", "views/overview.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert at.caption[0].value.startswith(expected)


def test_a_preset_sets_the_date_range_and_the_url(app_env):
    at = opened()
    presets = at.button_group(key="preset")
    assert presets.value == "last_12_months"  # the default period is the last 12 months
    presets.set_value("last_month").run()
    assert not at.exception
    assert at.date_input(key="period").value == (D(2022, 5, 1), D(2022, 5, 31))
    assert at.caption[0].value.startswith("统计期间 2022年5月1日至2022年5月31日｜")
    assert url(at, "period") == ["2022-05-01", "2022-05-31"]
    assert at.button_group(key="preset").value == "last_month"
    at.date_input(key="period").set_value((D(2022, 5, 1), D(2022, 5, 30))).run()
    assert at.button_group(key="preset").value is None  # a range no preset gives


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("this_month", D(2022, 6, 1), D(2022, 6, 30)),
        ("this_quarter", D(2022, 4, 1), D(2022, 6, 30)),
        ("year_to_date", D(2022, 1, 1), D(2022, 6, 30)),
        ("last_year", D(2021, 1, 1), D(2021, 12, 31)),
    ],
)
def test_presets_count_from_the_latest_date_in_the_data(app_env, name, start, end):
    at = opened(lang=["English"])
    at.button_group(key="preset").set_value(name).run()
    assert at.date_input(key="period").value == (start, end)
    assert "latest date in the data (30 Jun 2022)" in at.button_group(key="preset").help
