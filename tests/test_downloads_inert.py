"""Every download the pages offer, fed with formulas planted in the data, reads back inert: no formula
cell in any .xlsx, no CSV cell starting like one."""

from __future__ import annotations

from tests.apptest_pages import PAGES, offered_downloads, open_page
from tests.payloads import FORMULAS, plant_formulas
from tests.test_exports import FORMULA_START, PLAIN_NUMBER, csv_cells, xlsx_formulas, xlsx_texts


def test_every_page_download_is_inert(app_env, monkeypatch):
    uscc = plant_formulas(app_env)
    offered = offered_downloads(monkeypatch)
    for page in [*PAGES, "views/enterprise.py?uscc"]:
        path, _, query = page.partition("?")
        at = open_page(path, "zh", **({"uscc": [uscc]} if query else {}))
        assert not at.exception, (page, at.exception)
    assert len([name for name in offered if name.endswith(".csv")]) >= 15, sorted(offered)
    planted = False
    for name, data in offered.items():
        if name.endswith(".xlsx"):
            assert not xlsx_formulas(data), name
            planted |= bool(set(FORMULAS) & xlsx_texts(data))
        else:
            starting = [
                c for c in csv_cells(data) if c.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(c)
            ]
            assert not starting, (name, starting[:3])
    assert planted  # the formulas did reach the downloads, as text


def test_tables_offer_no_built_in_download_that_would_bypass_the_inert_audited_exports():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).parent.parent / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
