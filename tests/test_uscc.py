import pytest

from analytics.uscc import check_character, is_valid, normalise

VALID = "91350100M000100Y43"  # the example code published with GB 32100-2015


def test_published_example_is_valid():
    assert is_valid(VALID)
    assert check_character(VALID[:17]) == "3"


@pytest.mark.parametrize(
    "raw", ["９１３５０１００Ｍ０００１００Ｙ４３", " 91350100m000100y43 ", "9135 0100 M000 100Y43"]
)
def test_normalise_full_width_case_and_spaces(raw):
    assert normalise(raw) == VALID


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("91350100M000100Y44", "wrong check character"),
        ("91350100M000100Y4", "17 characters"),
        ("91350100M000100Y433", "19 characters"),
        ("91350100M0001O0Y43", "letter O is not in the alphabet"),
        ("91350100I000100Y43", "letter I is not in the alphabet"),
    ],
)
def test_invalid_codes(code, why):
    assert not is_valid(code), why
