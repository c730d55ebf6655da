"""Enterprise contact names and phone numbers: in full for admins and the head of the enterprise's center,
masked for everyone else (on the page and in its exports)."""

from __future__ import annotations

import pandas as pd

from analytics.auth.permissions import Principal, allowed


def mask_name(name: object) -> object:
    """张敏 -> 张*; blanks stay blank."""
    if not isinstance(name, str) or not name:
        return name
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_phone(phone: object) -> object:
    """13812341234 -> 138****1234, 0757-86001234 -> 075******1234: first three and last four kept."""
    if not isinstance(phone, str) or not phone:
        return phone
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def contacts(frame: pd.DataFrame, principal: Principal) -> pd.DataFrame:
    """`frame` (with center, contact, phone) with the contacts of rows the principal may not see masked."""
    hidden = ~frame["center"].map(lambda center: allowed(principal, "see_contacts", center)).astype(bool)
    if not hidden.any():
        return frame
    masked = frame.copy()
    masked.loc[hidden, "contact"] = frame.loc[hidden, "contact"].map(mask_name)
    masked.loc[hidden, "phone"] = frame.loc[hidden, "phone"].map(mask_phone)
    return masked
