"""Every data state renders every page, in both languages, with a notice where there is nothing to show:
an empty database, parks only, enterprises without events, a center with parks but no enterprises, and
a period with data in one dataset only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st

from analytics import db
from analytics.auth import OPERATOR, accounts
from analytics.demo.load import DEMO_PASSWORD
from analytics.intake import commit_import, plan_import
from analytics.settings import AuthSettings
from tests.apptest_pages import PAGES, open_page

FIXTURES = Path(__file__).parent / "fixtures" / "intake"


def _import(path: Path, name: str, dataset: str, data: bytes | None = None) -> None:
    con = db.connect(path)
    data = data if data is not None else (FIXTURES / name).read_bytes()
    commit_import(con, plan_import(con, data, name, dataset, principal=OPERATOR))
    con.close()


def _admin(path: Path) -> None:
    """The account open_page logs in with (the demo's admin, also in states without demo data)."""
    con = db.connect(path)
    if not con.execute("SELECT count(*) FROM accounts WHERE username = 'demo-admin'").fetchone()[0]:
        accounts.create(con, OPERATOR, "demo-admin", DEMO_PASSWORD, "admin", AuthSettings())
    con.close()


def _empty(path: Path, demo: Path) -> None:
    db.connect(path).close()


def _parks_only(path: Path, demo: Path) -> None:
    _import(path, "parks.csv", "parks")


def _enterprises_without_events(path: Path, demo: Path) -> None:
    _import(path, "parks.csv", "parks")
    _import(path, "enterprises.csv", "enterprises")


def _center_without_enterprises(path: Path, demo: Path) -> None:
    shutil.copy(demo, path)
    _import(path, "new.csv", "parks", "园区名称,所属产业社区\n新建园,新社区\n".encode())


def _one_dataset_period(path: Path, demo: Path) -> None:
    shutil.copy(demo, path)  # 2019: output only (the centers opened in mid-2020)


# state -> how to build it, and the URL parameters that select it
STATES = {
    "empty": (_empty, {}),
    "parks_only": (_parks_only, {}),
    "enterprises_without_events": (_enterprises_without_events, {}),
    "center_without_enterprises": (_center_without_enterprises, {"center": ["新社区"]}),
    "one_dataset_period": (_one_dataset_period, {"period": ["2019-01-01", "2019-12-31"]}),
}
WITH_DATA = ("views/enterprise.py", "views/data_import.py", "views/data_batches.py")  # registry and batches
NOTICE_PAGES = {  # pages with nothing to show in the state, which must say so (and only those)
    "empty": PAGES,
    "parks_only": [p for p in PAGES if p != "views/data_batches.py"],  # the parks batch is listed
    "enterprises_without_events": [p for p in PAGES if p not in WITH_DATA],
    "center_without_enterprises": [p for p in PAGES if p not in WITH_DATA],
    "one_dataset_period": [
        "views/tickets.py",
        "views/visits.py",
        "views/vaccination.py",
        "views/participation.py",
    ],
}


@pytest.fixture(scope="session")
def state_templates(tmp_path_factory, demo_db_template) -> dict[str, Path]:
    built = {}
    for name, (build, _) in STATES.items():
        path = tmp_path_factory.mktemp(f"state-{name}") / "state.duckdb"
        build(path, demo_db_template)
        _admin(path)
        built[name] = path
    return built


@pytest.fixture(params=list(STATES))
def state(request, state_templates, tmp_path, monkeypatch) -> str:
    path = tmp_path / "state.duckdb"
    shutil.copy(state_templates[request.param], path)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield request.param
    st.cache_data.clear()
    st.cache_resource.clear()


def notices(at) -> list[str]:
    """The page's "nothing here" notices (they all carry the inbox icon)."""
    return [element.value for element in at.info if element.icon == ":material/inbox:"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_every_data_state(state, page, lang):
    at = open_page(page, lang, **STATES[state][1])
    assert not at.exception, at.exception
    assert at.title[0].value
    if page in NOTICE_PAGES[state]:
        expected = {"zh": "没有", "en": "No "}[lang]
        assert notices(at) and all(expected in text for text in notices(at)), notices(at)
    else:
        assert not notices(at), notices(at)
