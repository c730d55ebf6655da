"""Accounts, roles and their permissions, signed sessions and the audit log.

Every write and export is checked with `permissions.require(principal, action, center)` where it happens
(intake, mappings, undo, accounts) and recorded with `audit.record`.
"""

# analytics.intake imports analytics.auth.permissions, whose Forbidden subclasses intake's Refused: load
# intake first so either import order works.
import analytics.intake  # noqa: F401
from analytics.auth.permissions import OPERATOR, Forbidden, Principal, allowed, can, require

__all__ = ["OPERATOR", "Forbidden", "Principal", "allowed", "can", "require"]
