"""AppTest of the upload page: preview, refusal with header mapping, confirm, and the overview updated."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import db
from tests.apptest_login import logged_in
from tests.apptest_pages import offered_downloads, shown

ROOT = Path(__file__).resolve().parent.parent


def open_import_page(lang: str = "中文") -> AppTest:
    at = logged_in(None, "admin", lang=[lang])
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
    overview_before = logged_in().metric[0].value
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
    overview = logged_in()
    assert int(overview.metric[0].value.replace(",", "")) == int(overview_before.replace(",", "")) + 1


def test_missing_column_offers_a_mapping_that_is_remembered(app_env):
    code = firm(app_env)
    data = f"工单号,反映日期,统一社会信用代码,诉求类别\nM-1,2022-06-01,{code},政策咨询\n".encode()
    at = open_import_page("English")
    at.selectbox(key="import_center").set_value("长虹岭").run()
    at.file_uploader(key="import_files").upload("m.csv", data, "text/csv").run()
    assert "required columns missing: 受理日期" in shown(at.error[0].value)
    next(s for s in at.selectbox if s.label == "反映日期").set_value("received_date")
    next(
        b for b in at.button if b.label == "Save the mapping and check again"
    ).click().run()  # in the form: choose, then save the mapping and check again
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


def test_a_file_that_kills_its_reader_is_refused_and_the_page_goes_on(app_env):
    """A 6 KB .xlsx whose stray far-corner cell made the reading library abort the whole server process."""
    from tests.hostile_files import far_corner_xlsx

    at = open_import_page()
    at.file_uploader(key="import_files").upload(
        "走访.xlsx", far_corner_xlsx(declared=False), "application/octet-stream"
    ).run()
    assert not at.exception, at.exception
    assert "无法安全读取该文件" in at.error[0].value and "参考编号" in at.error[0].value
    at.file_uploader(key="import_files").upload(
        "走访2.xlsx", far_corner_xlsx(), "application/octet-stream"
    ).run()
    assert not at.exception, at.exception
    assert any("XFD1048576" in e.value for e in at.error)


def test_an_unexpected_error_is_a_message_with_a_reference_not_a_traceback(app_env, monkeypatch):
    import ui.intake

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(ui.intake, "plan_import", broken)
    before = db.connect(app_env).execute("SELECT count(*) FROM import_batches").fetchone()
    at = open_import_page("English")
    at.file_uploader(key="import_files").upload("a.csv", b"x,y\n1,2\n", "text/csv").run()
    assert not at.exception, at.exception
    (error,) = at.error
    assert "unexpected error" in error.value and "reference" in error.value and "a bug" not in error.value
    assert db.connect(app_env).execute("SELECT count(*) FROM import_batches").fetchone() == before


def test_the_error_report_is_named_in_the_page_language(app_env, monkeypatch):
    offered = offered_downloads(monkeypatch)
    code = firm(app_env)
    data = f"工单号,受理日期,统一社会信用代码,诉求类别\nU-1,2022-02-30,{code},政策咨询\n".encode()
    for lang, name in (("中文", "诉求-错误报告.xlsx"), ("English", "诉求-error-report.xlsx")):
        at = open_import_page(lang)
        at.file_uploader(key="import_files").upload("诉求.csv", data, "text/csv").run()
        assert not at.exception, at.exception
        assert name in offered
