"""Unified social credit codes (统一社会信用代码, GB 32100-2015): normalisation and check character."""

from __future__ import annotations

import unicodedata

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: value for value, char in enumerate(ALPHABET)}


def normalise(raw: str) -> str:
    """Upper case, half-width, no whitespace (as docs/datasets.md asks before checking)."""
    text = unicodedata.normalize("NFKC", raw)
    return "".join(text.split()).upper()


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must all be in ALPHABET)."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    """True when `code` (already normalised) has 18 valid characters and the right check character."""
    if len(code) != 18 or any(char not in _VALUE for char in code):
        return False
    return check_character(code[:17]) == code[17]
