"""The one way AppTests log in: through the login form, as the demo account of a role."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics.demo.load import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
DEMO_USERS = {
    "admin": "demo-admin",
    "leader": "demo-leader",
    "analyst": "demo-analyst",
    "center_head": "demo-chl",
}


def submit_login(at: AppTest, username: str, password: str) -> AppTest:
    """Fill in and submit the login form of an AppTest that shows it."""
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return next(b for b in at.button if b.label in ("登录", "Log in")).click().run()


def logged_in(at: AppTest | None = None, role: str = "admin", **query: list[str]) -> AppTest:
    """`at` (default: a new AppTest of dashboard.py with `query` as URL parameters) logged in as the demo
    account of `role`, on the page the URL names (the role's first page by default)."""
    if at is None:
        at = AppTest.from_file(ROOT / "dashboard.py", default_timeout=90)
        for key, values in query.items():
            at.query_params[key] = values
    at.run()
    submit_login(at, DEMO_USERS[role], DEMO_PASSWORD)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def goto(at: AppTest, url_path: str) -> AppTest:
    """Open the page registered at `url_path` as a typed-in URL would (AppTest.switch_page only knows
    page files; a refused page is a callable registered at the page's URL). Uses AppTest's page registry."""
    pages = at._registered_pages  # no public API opens a URL path

    def registered_at(info: dict) -> bool:
        if info.get("url_pathname") == url_path:
            return True
        return (
            info.get("url_pathname") == "" and Path(info.get("script_path") or "").stem == url_path
        )  # default

    at._page_hash = next(h for h, info in pages.items() if registered_at(info))
    return at.run()
