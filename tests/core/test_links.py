import pytest
from django.urls import NoReverseMatch, reverse

from gongkai.core.links import reverser


@pytest.mark.parametrize(("name", "values"), [
    ("portal:catalogue_unit", [1, 42, 9_000_000_000]),
    ("portal:unit_feed", [1, 7]),
    ("zhuanlan:column", ["011043201", "武汉市 统计局", "x?y#z", "100%", "~:@!$&'()*+,;="]),
])
def test_reverser_gives_what_reverse_gives(name, values):
    make = reverser(name)
    assert [make(v) for v in values] == [reverse(name, args=[v]) for v in values]


def test_a_value_the_pattern_refuses_is_refused_as_by_reverse():
    with pytest.raises(NoReverseMatch):
        reverser("zhuanlan:column")("a/b")
