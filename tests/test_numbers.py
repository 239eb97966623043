import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.numbers import format_decimal, leading_quantity, quantities, to_float


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("27.2", 27.2),
        ("1,000", 1000.0),
        ("−3.5", -3.5),
        ("4×10²", 400.0),
        ("10³", 1000.0),
        ("1/16", 0.0625),
        ("+4.5", 4.5),
        ("abc", None),
    ],
)
def test_numbers_to_float(text, value):
    assert to_float(text) == value


@pytest.mark.parametrize(
    ("text", "value", "approx", "unit"),
    [
        ("~40.0", 40.0, True, None),
        ("≈ 59.8", 59.8, True, None),
        ("approximately 88.5%", 88.5, True, "%"),
        ("~600 TPS", 600.0, True, "TPS"),
        ("27.2", 27.2, False, None),
    ],
)
def test_numbers_leading_quantity(text, value, approx, unit):
    q = leading_quantity(text)
    assert (q.value, q.approximate, q.unit) == (value, approx, unit)


def test_numbers_quantities_finds_every_number():
    assert [q.value for q in quantities("from ~1.2 at 6 tokens to ~0.4 at 30")] == [1.2, 6.0, 0.4, 30.0]


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=4, allow_nan=False))
def test_numbers_format_decimal_round_trips(value):
    assert float(format_decimal(float(value))) == pytest.approx(float(value))
