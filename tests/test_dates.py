"""digest.dates: Vietnamese datelines, lede dates, weekdays."""
from __future__ import annotations

import datetime as dt

import pytest

from digest import dates


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Thứ sáu, 13/11/2020 09:53 AM - 0 Trả lời", "2020-11-13T09:53"),
        ("Thứ Ba, 25/12/2012 - 10:03", "2012-12-25T10:03"),
        ("19/12/2012 17:41", "2012-12-19T17:41"),
        ("| Cập nhật thứ hai, ngày 24/12/12 11:05 tối", "2012-12-24T23:05"),
        ("28/05/13 05:45 GMT+7", "2013-05-28T05:45"),
        ("Thứ năm, 4/11/2021, 17:12 (GMT+7)", "2021-11-04T17:12"),
        ("ngày 21 tháng 9 năm 2022", "2022-09-21"),
        ("19.12.2012", "2012-12-19"),
        ("12:30 PM 01/02/2020", "2020-02-01T12:30"),
        ("2024-05-03 10:35", "2024-05-03T10:35"),
        ("03/05/2024 10:35 (GMT+07:00)", "2024-05-03T10:35"),
        ("Ngày xuất bản: 03/05/2024 10:35", "2024-05-03T10:35"),
        ("03/05/2024 10:35:20", "2024-05-03T10:35"),
        ("03/05/2024 02:35 CH", "2024-05-03T14:35"),
        ("10:35 SA 03/05/2024", "2024-05-03T10:35"),
        ("Thứ Sáu, 07:12, 03/05/2024", "2024-05-03T07:12"),
    ],
)
def test_parse_dateline(line, expected):
    assert dates.parse_dateline(line) == expected


@pytest.mark.parametrize(
    "line",
    ["Ngày 17/4, Nhật Bản và Hàn Quốc đã nhất trí tăng cường hợp tác an ninh.", "31/2/2020", "Pháp luật", "", "13/11/2020 25:99 extra words here"],
)
def test_not_a_dateline(line):
    assert dates.parse_dateline(line) is None


@pytest.mark.parametrize(
    "lede, expected",
    [
        ("Ngày 17/4, Nhật Bản và Hàn Quốc đã nhất trí.", (None, "--04-17")),
        ("Chiều 5-12, bà C đến phòng trọ.", (None, "--12-05")),
        ("(Dân trí) - Sáng 20/9/2022, hội nghị khai mạc.", ("2022-09-20", None)),
        ("Sáng nay (12/11), đoàn đại biểu tới Hà Nội.", (None, "--11-12")),
        ("Ngày 30/2, không có ngày này.", (None, None)),
        ("Ông A cho biết ngày 17/4 sẽ họp.", (None, None)),
    ],
)
def test_lede_date(lede, expected):
    assert dates.lede_date(lede) == expected


def test_full_dates_in_order_and_two_digit_years_skipped():
    text = "Ngày 21 tháng 9 năm 2022 và 5/6/2020, còn 1/5/13 thì mơ hồ."
    assert dates.full_dates(text) == [dt.date(2022, 9, 21), dt.date(2020, 6, 5)]


def test_relative_weekday():
    assert dates.relative_weekday("Các nhà lãnh đạo hôm thứ Tư đã gặp nhau") == 2
    assert dates.relative_weekday("vào Chủ nhật tuần trước") == 6
    assert dates.relative_weekday("không có ngày nào") is None


def test_date_by_weekday_needs_exactly_one_matching_date():
    lede = "Hai bên hôm thứ Tư đã hội đàm."
    assert dates.date_by_weekday(lede, "ảnh chụp ngày 21 tháng 9 năm 2022") == "2022-09-21"  # a Wednesday
    assert dates.date_by_weekday(lede, "ngày 22 tháng 9 năm 2022") is None  # a Thursday
    assert dates.date_by_weekday(lede, "21/9/2022 và 28/9/2022") is None  # two Wednesdays
    assert dates.date_by_weekday("Không có thứ nào.", "21/9/2022") is None


def test_valid_date():
    assert dates.valid_date(2024, 2, 29) == dt.date(2024, 2, 29)
    assert dates.valid_date(2023, 2, 29) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-11-04T17:12:00+07:00", "2021-11-04T17:12"),
        ("2024-03-02T02:15:00Z", "2024-03-02T09:15"),  # UTC, printed in Vietnam time
        ("2024-05-03T03:35:00+00:00", "2024-05-03T10:35"),
        ("2024-05-03 10:35", "2024-05-03T10:35"),  # no zone: already Vietnam time
        ("2024-05-03", "2024-05-03"),
        ("2024-05-03T25:10:00", "2024-05-03"),  # no such hour: the day only
        ("2023-02-29T10:00:00", None),  # no such day
        ("04/11/2021 17:12", "2021-11-04T17:12"),  # the page's own style, read as a dateline
        ("", None),
        (None, None),
        ("không phải ngày", None),
    ],
)
def test_parse_published(value, expected):
    assert dates.parse_published(value) == expected


def test_a_long_line_with_a_date_is_not_a_stamp():
    line = "Ngày 04/11/2021 " + "chữ " * 30
    assert dates.parse_dateline(line) is None
    assert dates.parse_published(line) is None


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:00-12:00"])
def test_a_stamp_that_falls_off_the_calendar_in_vietnam_time_is_dropped(stamp):
    assert dates.parse_published(stamp) is None
