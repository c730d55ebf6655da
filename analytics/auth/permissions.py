"""Who may do what: one table of role -> actions, and the one guard every write and page goes through."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from analytics.intake.reading import Refused

Role = Literal["admin", "leader", "analyst", "center_head"]
Source = Literal["web", "cli"]
ROLES: tuple[Role, ...] = ("admin", "leader", "analyst", "center_head")
ROLE_NAMES: dict[Role, str] = {
    "admin": "管理员",
    "leader": "领导",
    "analyst": "分析员",
    "center_head": "社区负责人",
}

ANALYSIS = frozenset({"view_analysis", "export", "view_history"})
PERMISSIONS: dict[Role, frozenset[str]] = {
    "admin": ANALYSIS | {"import", "map_headers", "undo", "see_contacts", "manage_accounts", "view_audit"},
    "leader": ANALYSIS,
    "analyst": ANALYSIS,
    "center_head": ANALYSIS | {"import", "map_headers", "undo", "see_contacts"},
}
# Actions a center head may take only for their own center (an admin for any).
SCOPED = frozenset({"import", "map_headers", "undo", "see_contacts"})
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "view_analysis": ("查看分析页面", "open the analysis pages"),
    "export": ("下载表格", "download tables"),
    "view_history": ("查看导入记录与数据完整性", "see the import history and completeness"),
    "import": ("导入台账", "import ledgers"),
    "map_headers": ("保存列名对应关系", "save header mappings"),
    "undo": ("撤销导入批次", "undo import batches"),
    "see_contacts": ("查看企业联系人与电话", "see enterprise contacts and phones"),
    "manage_accounts": ("管理账号", "manage accounts"),
    "view_audit": ("查看操作日志", "see the audit log"),
}


@dataclass(frozen=True)
class Principal:
    """Who acts: an account as it is now (role and center re-read on every request), and from where."""

    username: str
    role: Role
    center: str | None
    display_name: str
    source: Source = "web"
    client: str | None = None


# The command line without --user: someone with file access to the database, acting as an admin.
OPERATOR = Principal("cli", "admin", None, "命令行操作员 / command-line operator", source="cli")


class Forbidden(Refused):
    """The principal's role may not do this (or not for this center)."""


def can(principal: Principal, action: str) -> bool:
    """Does the principal's role have `action` at all (for some center)? Menus and pages ask this."""
    return action in PERMISSIONS[principal.role]


def allowed(principal: Principal, action: str, center: str | None = None) -> bool:
    """May `principal` take `action` on data of `center`? A center head's scoped actions need their own
    center (never None)."""
    if not can(principal, action):
        return False
    return action not in SCOPED or principal.role != "center_head" or center == principal.center


def require(principal: Principal, action: str, center: str | None = None) -> None:
    """Raise Forbidden unless `allowed`."""
    if not allowed(principal, action, center):
        zh, en = ACTION_LABELS[action]
        if can(principal, action):
            raise Forbidden(
                f"账号 {principal.username} 只能为本中心（{principal.center}）{zh}，不能为「{center or '未指定中心'}」{zh}",
                f"account {principal.username} may {en} only for its own center ({principal.center}), "
                f"not for {center or 'no center'}",
            )
        raise Forbidden(
            f"账号 {principal.username} 的角色无权{zh}",
            f"the role of account {principal.username} may not {en}",
        )


def markdown_table() -> str:
    """The permission table as the README shows it (scripts/update_readme.py)."""
    header = "| action | " + " | ".join(f"{ROLE_NAMES[r]} `{r}`" for r in ROLES) + " |"
    lines = [header, "|---|" + "---|" * len(ROLES)]
    for action, (zh, en) in ACTION_LABELS.items():
        cells = [
            ("own center only" if action in SCOPED and role == "center_head" else "yes")
            if action in PERMISSIONS[role]
            else "—"
            for role in ROLES
        ]
        lines.append(f"| {zh} {en} (`{action}`) | " + " | ".join(cells) + " |")
    return "\n".join(lines)
