"""AppTest of the upload page: preview, refusal with header mapping, confirm, and the overview updated."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import db
from tests.apptest_pages import shown

ROOT = Path(__file__).resolve().parent.parent


def open_import_page(lang: str = "中文") -> AppTest:
    at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90)
    at.query_params["lang"] = [lang]
    at.run()
    at.switch_page("views/data_import.py").run()
    return at


def firm(path: Path) -> str:
    con = db.connect(path)
    (code,) = con.execute(
        "SELECT uscc FROM clean_enterprises WHERE center = '长虹岭' ORDER BY uscc LIMIT 1"
    ).fetchone()
    con.close()
    return code


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_upload_preview_confirm_and_the_overview_shows_it(app_env):
    code = firm(app_env)
    data = (
        "长虹岭产业社区企业诉求台账\n工单号,受理日期,统一社会信用代码,诉求类别\n"
        f"U-1,2022-06-30,{code},政策咨询\nU-2,2022-02-30,{code},政策咨询\n合计,,,\n"
    ).encode("gbk")
    at = open_import_page()
    overview_before = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90).run().metric[0].value
    at.file_uploader(key="import_files").upload("诉求.csv", data, "text/csv").run()
    assert not at.exception, at.exception
    shown = metric_values(at)
    assert (shown["读取行数"], shown["将新增"], shown["拒绝"]) == ("2", "1", "1")
    problems = at.dataframe[-1].value
    assert problems.iloc[0].tolist() == [
        4,
        "受理日期",
        "日期不存在「2022-02-30」",
    ]  # the row as Excel / the CSV shows it
    at.button(key=next(b.key for b in at.button if b.key.startswith("confirm-"))).click().run()
    assert not at.exception, at.exception
    assert "已导入，批次" in at.success[0].value and "新增 1 行" in at.success[0].value
    overview = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90).run()
    assert int(overview.metric[0].value.replace(",", "")) == int(overview_before.replace(",", "")) + 1


def test_missing_column_offers_a_mapping_that_is_remembered(app_env):
    code = firm(app_env)
    data = f"工单号,反映日期,统一社会信用代码,诉求类别\nM-1,2022-06-01,{code},政策咨询\n".encode()
    at = open_import_page("English")
    at.selectbox(key="import_center").set_value("长虹岭").run()
    at.file_uploader(key="import_files").upload("m.csv", data, "text/csv").run()
    assert "required columns missing: 受理日期" in shown(at.error[0].value)
    next(s for s in at.selectbox if s.label == "反映日期").set_value("received_date")
    at.button[-1].click().run()  # inside the form: choose, then save the mapping and check again
    assert not at.exception, at.exception
    assert not at.error
    assert metric_values(at)["To insert"] == "1"
    con = db.connect(app_env)
    assert con.execute("SELECT column_name FROM header_mappings WHERE center = '长虹岭'").fetchall() == [
        ("received_date",)
    ]


def test_a_refused_file_says_why(app_env):
    at = open_import_page()
    at.file_uploader(key="import_files").upload(
        "报表.xlsx", b"not a workbook", "application/octet-stream"
    ).run()
    assert "该文件未导入" in at.error[0].value and "不是 Excel 表格" in at.error[0].value
    assert not [b for b in at.button if (b.key or "").startswith("confirm-")]
