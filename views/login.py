"""登录 — username and password; while demo data are loaded, the demo accounts to try."""

from ui import auth

auth.login_page()
