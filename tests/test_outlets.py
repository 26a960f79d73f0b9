"""Outlets by their names (digest/data/outlets.toml)."""
from __future__ import annotations

import pytest

from digest.outlets import outlet_name


@pytest.mark.parametrize(("found", "url", "name"), [
    ("TUOI TRE", None, "Tuổi Trẻ"),
    ("Tuổi Trẻ Online", None, "Tuổi Trẻ"),
    ("vnexpress.net", None, "VnExpress"),
    ("https://nld.com.vn/", None, "Người Lao Động"),
    ("NLĐO", None, "Người Lao Động"),
    ("(CLO)", None, "Nhà báo & Công luận"),
    ("TTXVN", None, "TTXVN"),  # an agency keeps the name it is cited by
    ("TTXVN/Vietnam+", None, "TTXVN/Vietnam+"),  # a composite credit stays whole
    ("Báo Xyz", None, "Báo Xyz"),  # no known outlet: as found
    (None, "https://m.vnexpress.net/thoi-su/a-1.html", "VnExpress"),  # the domain names the outlet
    (None, "https://unknown.example/a", None),
    (None, "seeds/000.txt", None),
])
def test_outlet_name(found, url, name):
    assert outlet_name(found, url) == name


def test_outlets_of_other_layouts_by_their_short_names():
    from digest.outlets import is_known_outlet, outlet_name

    assert outlet_name("K14") == "Kenh14"
    assert outlet_name("ANTĐ") == "An ninh Thủ đô"
    assert outlet_name("Zing") == outlet_name("Znews") == "Zing News"
    assert outlet_name(None, "https://news.zing.vn/a.html") == "Zing News"
    assert is_known_outlet("Thanh Niên") and not is_known_outlet("Minh Long")
