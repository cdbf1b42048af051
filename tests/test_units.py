"""The unit registry: money magnitudes, counts on their own dimensions, rates, time, percent."""

from __future__ import annotations

import pint
import pytest

from jixiao.domain.units import compatible, dimension_of, parse_unit, to_base, ureg


@pytest.mark.parametrize(
    ("number", "unit", "expected"),
    [
        (8, "千元", 8000),
        (1, "万元", 10_000),
        ("1.5", "亿元", 150_000_000),
        ("11.376", "万元", 113_760),
        (3, "百元", 300),
        ("28.8", "萬元", 288_000),
        ("7840000.00", "元", 7_840_000),
    ],
)
def test_money_reduces_to_yuan(number, unit, expected):
    q = to_base(number, unit)
    assert q.units == ureg.元
    assert q.magnitude == expected  # exact: the arithmetic runs in Decimal


def test_rate_units_divide_and_multiply_back_to_money():
    rate = to_base(200, "元/月/人")
    assert rate.units == ureg.元 / ureg.月 / ureg.人
    total = rate * (12 * ureg.月) * (332 * ureg.人)
    assert total.check("[currency]")
    assert total.to(ureg.元).magnitude == pytest.approx(796_800)
    assert to_base(5, "万元/个") == 50_000 * ureg.元 / ureg.个


def test_compound_units_parse():
    assert parse_unit("人/年") == ureg.人 / ureg.年
    assert parse_unit("场/年") == ureg.场 / ureg.年
    assert parse_unit("万元/个") == ureg.万元 / ureg.个
    assert parse_unit("元／人") == ureg.元 / ureg.人  # full-width slash
    assert parse_unit("") == ureg.dimensionless
    assert parse_unit("公斤/人/天") is not None


def test_unknown_units_are_none():
    assert parse_unit("劳模") is None
    assert parse_unit("元/") is None
    assert parse_unit("/人") is None
    with pytest.raises(ValueError):
        to_base(1, "劳模")


def test_counts_have_their_own_dimensions():
    assert not compatible("人", "人次")
    assert not compatible("场", "个")
    assert not compatible("元", "人")
    with pytest.raises(pint.DimensionalityError):
        (1 * ureg.人).to(ureg.人次)
    assert dimension_of("人") != dimension_of("人次")


def test_aliases_and_magnitude_words():
    assert compatible("名", "人") and compatible("位", "人")
    assert (3 * ureg.名).to(ureg.人).magnitude == 3
    assert to_base("1.2", "万人") == 12_000 * ureg.人
    assert to_base(5, "万亩").to(ureg.公顷).magnitude == pytest.approx(5e4 / 15)
    assert compatible("万元", "元") and compatible("亿元", "千元")


def test_percent_is_a_fraction_and_score_is_points():
    assert to_base(90, "%").magnitude == pytest.approx(0.9)
    assert to_base(90, "％").magnitude == pytest.approx(0.9)
    assert to_base(90, "%").dimensionless
    assert not compatible("分", "%")
    assert to_base(8, "分").units == ureg.分


def test_time_length_area_mass_energy():
    assert (1 * ureg.年).to(ureg.月).magnitude == pytest.approx(12)
    assert (1 * ureg.周).to(ureg.天).magnitude == pytest.approx(7)
    assert (1 * ureg.日).to(ureg.小时).magnitude == pytest.approx(24)
    assert to_base(2, "km") == 2000 * ureg.米
    assert to_base(3, "亩").magnitude == 2000  # 1 亩 = 10000/15 m²
    assert to_base(1, "公顷").to(ureg.亩).magnitude == pytest.approx(15)
    assert to_base(1, "平米") == to_base(1, "平方米")
    assert to_base(3500, "公斤").to(ureg.吨).magnitude == pytest.approx(3.5)
    assert compatible("度", "千瓦时")
    assert compatible("月", "年") and not compatible("月", "人")


def test_unit_parsing_is_cached():
    """Units are parsed once per text (speed itself is measured by `make bench`, not here)."""
    assert parse_unit("元/月/人") is parse_unit("元/月/人")
