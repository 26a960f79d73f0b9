"""digest.stories: articles of one event grouped into one story, the rest apart."""
from __future__ import annotations

import json

from digest.model import Article, Digest
from digest.stories import group_stories
from tests.conftest import SEEDS
from tests.test_cli import RUN_DATE, digest

FLOOD = [
    "Lũ quét ở Lào Cai làm 12 người chết, huyện Bát Xát bị chia cắt",
    ["Ngày 10/9, lũ quét tại huyện Bát Xát, tỉnh Lào Cai đã làm 12 người chết và 5 người mất tích.",
     "Ban Chỉ huy phòng chống thiên tai tỉnh Lào Cai cho biết hơn 300 ngôi nhà bị cuốn trôi.",
     "Lực lượng cứu hộ đang tìm kiếm những người mất tích ở xã Y Tý, huyện Bát Xát."],
]
FLOOD_2 = [
    "Lào Cai: 12 người chết vì lũ quét, hàng trăm ngôi nhà bị cuốn trôi",
    ["Trận lũ quét ở huyện Bát Xát, tỉnh Lào Cai khiến 12 người chết, 5 người mất tích.",
     "Theo Ban Chỉ huy phòng chống thiên tai tỉnh Lào Cai, hơn 300 ngôi nhà bị cuốn trôi.",
     "Xã Y Tý bị chia cắt hoàn toàn, lực lượng cứu hộ đang tiếp cận."],
]
FLOOD_3 = [
    "Lũ quét Lào Cai: tìm thấy thi thể 3 người mất tích ở Bát Xát",
    ["Chiều 11/9, lực lượng cứu hộ tìm thấy thi thể 3 trong số 5 người mất tích sau trận lũ quét ở huyện Bát Xát.",
     "Số người chết vì lũ quét ở Lào Cai đã lên 15, hơn 300 ngôi nhà bị cuốn trôi.",
     "Tỉnh Lào Cai đang khẩn trương sơ tán người dân khỏi vùng nguy hiểm."],
]
FOOTBALL = [
    "Đội tuyển Việt Nam thắng Indonesia 2-0 tại Mỹ Đình",
    ["Tối 12/9, đội tuyển Việt Nam thắng Indonesia 2-0 trên sân Mỹ Đình ở vòng loại World Cup.",
     "Tiến Linh và Quang Hải ghi bàn cho đội chủ nhà trong hiệp hai.",
     "Huấn luyện viên Troussier hài lòng với lối chơi của các cầu thủ trẻ."],
]
PRICES = [
    "Giá xăng giảm hơn 500 đồng mỗi lít từ chiều nay",
    ["Chiều 11/9, liên Bộ Công Thương - Tài chính điều chỉnh giá xăng dầu.",
     "Xăng RON95 giảm 520 đồng mỗi lít, xăng E5 RON92 giảm 480 đồng mỗi lít.",
     "Giá dầu diesel cũng giảm 300 đồng mỗi lít so với kỳ điều hành trước."],
]


def make(name, text, date="2024-09-10", source=None):
    title, paragraphs = text
    return Digest(Article(name, title, list(paragraphs), date=date, source=source), summary=list(paragraphs[:2]))


def groups(stories):
    return sorted(sorted(story.inputs) for story in stories)


def test_the_same_event_across_outlets_is_one_story_and_other_events_stand_apart():
    digests = [make("a", FLOOD, source="VnExpress"), make("b", FOOTBALL, "2024-09-12"),
               make("c", FLOOD_2, "2024-09-11", source="Tuổi Trẻ"), make("d", PRICES, "2024-09-11")]
    stories = group_stories(digests, run_date="2024-09-12")
    assert groups(stories) == [["a", "c"], ["b"], ["d"]]
    flood = stories[0]  # most outlets first
    assert flood.outlets == ["VnExpress", "Tuổi Trẻ"]
    assert [line.input for line in flood.timeline] == ["a", "c"]  # oldest first
    assert flood.summary and len(flood.summary) <= 5
    assert "similarity" in flood.reason[0]


def test_every_article_is_in_exactly_one_story():
    digests = [make(str(i), text, f"2024-09-1{i % 3}") for i, text in enumerate([FLOOD, FLOOD_2, FOOTBALL, PRICES] * 2)]
    stories = group_stories(digests, run_date="2024-09-12")
    inputs = [i for story in stories for i in story.inputs]
    assert sorted(inputs) == sorted(d.article.path for d in digests)


def test_articles_further_apart_than_the_time_window_are_not_one_story():
    digests = [make("a", FLOOD, "2024-09-10"), make("b", FLOOD_2, "2024-11-20")]
    stories = group_stories(digests, run_date="2024-12-01")
    assert groups(stories) == [["a"], ["b"]]
    assert any("time window" in line for story in stories for line in story.reason)


def test_near_duplicates_collapse_into_one_timeline_line_listing_every_outlet():
    digests = [make("a", FLOOD, source="TTXVN"), make("b", FLOOD, source="Vietnam+"), make("c", FLOOD_2, "2024-09-11")]
    stories = group_stories(digests, run_date="2024-09-12")
    assert groups(stories) == [["a", "b", "c"]]
    story = stories[0]
    assert story.inputs == ["a", "b", "c"]
    assert len(story.timeline) == 2
    assert story.timeline[0].outlets == ["TTXVN", "Vietnam+"] and story.timeline[0].copies == ["b"]


def test_seeds_000_and_001_are_one_story_and_the_others_stand_alone_with_reasons():
    result = digest(SEEDS, "--lang", "vi", "--format", "json", *RUN_DATE)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["articles"]) == 5
    stories = document["stories"]
    assert sorted(len(s["articles"]) for s in stories) == [1, 1, 1, 2]
    pair = next(s for s in stories if len(s["articles"]) == 2)
    assert sorted(pair["articles"]) == [f"{SEEDS}/000_6c833404c18ad008.txt", f"{SEEDS}/001_b4dece8c95c879ee.txt"]
    assert {"id", "title", "articles", "outlets", "timeline", "summary"} <= set(pair)
    assert len(pair["timeline"]) == 2 and 1 <= len(pair["summary"]) <= 5  # up to 5, within the syllable budget
    explained = digest(SEEDS, "--lang", "vi", "--explain", *RUN_DATE).stdout
    assert "grouped with" in explained and explained.count("stands alone") == 3


def test_no_stories_gives_one_item_per_article_and_max_items_caps_the_briefing():
    plain = digest(SEEDS, "--lang", "vi", "--format", "json", "--no-stories", *RUN_DATE)
    assert "stories" not in json.loads(plain.stdout)
    capped = json.loads(digest(SEEDS, "--lang", "vi", "--format", "json", "--max-items", "1", *RUN_DATE).stdout)
    assert len(capped["stories"]) == 1 and len(capped["articles"]) == 2
    markdown = digest(SEEDS, "--lang", "vi", "--no-stories", "--max-items", "2", *RUN_DATE).stdout
    assert markdown.count("\n## ") == 2


def test_out_writes_one_file_per_article_as_without_stories(tmp_path):
    out = tmp_path / "out"
    assert digest(SEEDS, "--lang", "vi", "--out", out, *RUN_DATE).exit_code == 0
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(names) == 5 and not any("-story-" in n for n in names)


def test_story_summary_stops_at_its_syllable_budget_and_keeps_n_as_the_cap(monkeypatch):
    from digest.stories import summary as stories_module

    long = ("Trận lũ quét ở huyện Bát Xát, tỉnh Lào Cai trong đêm qua đã cuốn trôi hơn 300 ngôi nhà, "
            "làm 12 người chết và 5 người mất tích, nhiều tuyến đường liên xã bị sạt lở và chia cắt hoàn toàn.")
    first = make("a", ["Lũ quét ở Lào Cai", [long, *FLOOD[1]]])
    second = make("b", ["Lũ quét ở Lào Cai", [long.replace("đêm qua", "rạng sáng nay"), *FLOOD_2[1]]])
    budget = stories_module.SYLLABLES_PER_SENTENCE * 2
    summary = stories_module.story_summary([first, second], 2)
    words = [len(s.split()) for s in summary]
    assert len(summary) <= 2
    assert sum(words[:-1]) < budget  # no sentence is added once the budget is full
    monkeypatch.setattr(stories_module, "SYLLABLES_PER_SENTENCE", 10)
    short = stories_module.story_summary([first, second], 5)
    assert len(short) < 5 and sum(len(s.split()) for s in short[:-1]) < 50  # stops once 50 syllables are in
    monkeypatch.setattr(stories_module, "SYLLABLES_PER_SENTENCE", 0)
    monkeypatch.setattr(stories_module, "SUMMARY_DUPLICATE", 1.0)
    assert len(stories_module.story_summary([first, second], 5)) == 5  # no budget: n sentences


def test_a_run_of_two_groups_one_event_and_keeps_two_events_apart():
    # Add-one smoothing of the document count: in a run of two, a shared term still weighs
    # something, so one event reported twice is one story, and two events stay two.
    same = group_stories([make("a", FLOOD), make("b", FLOOD_2, "2024-09-11")], run_date="2024-09-12")
    assert groups(same) == [["a", "b"]]
    apart = group_stories([make("a", FLOOD), make("b", PRICES, "2024-09-11")], run_date="2024-09-12")
    assert groups(apart) == [["a"], ["b"]]


MARKET_22 = [
    "Chứng khoán sáng 22/10: VN-Index lùi xuống dưới mốc 500 điểm",
    ["Phiên sáng 22/10, VN-Index giảm 3,2 điểm xuống 498,5 điểm trên sàn HOSE.",
     "Thanh khoản thị trường đạt hơn 1.200 tỷ đồng, khối ngoại bán ròng cổ phiếu ngân hàng.",
     "Các mã cổ phiếu ngân hàng và bất động sản giảm mạnh trên sàn HOSE."],
]
MARKET_23 = [
    "Chứng khoán sáng 23/10: VN-Index trở lại trên mốc 500 điểm",
    ["Phiên sáng 23/10, VN-Index tăng 4,1 điểm lên 502,6 điểm trên sàn HOSE.",
     "Thanh khoản thị trường đạt hơn 1.300 tỷ đồng, khối ngoại mua ròng cổ phiếu ngân hàng.",
     "Các mã cổ phiếu ngân hàng và bất động sản tăng mạnh trên sàn HOSE."],
]


def test_two_issues_of_a_daily_report_are_two_stories_with_the_reason():
    digests = [make("a", MARKET_22, "2024-10-22"), make("b", MARKET_23, "2024-10-23")]
    stories = group_stories(digests, run_date="2024-10-23")
    assert groups(stories) == [["a"], ["b"]]
    assert any("headlines name different days" in line for story in stories for line in story.reason)
    # the same two texts with headlines that name no day are one story: the days alone split them
    undated = [make("a", [MARKET_22[0].replace(" sáng 22/10", ""), MARKET_22[1]], "2024-10-22"),
               make("b", [MARKET_23[0].replace(" sáng 23/10", ""), MARKET_23[1]], "2024-10-23")]
    assert groups(group_stories(undated, run_date="2024-10-23")) == [["a", "b"]]


QUAKE_INDONESIA = [
    "Động đất 6,8 độ ở Indonesia, ít nhất 14 người chết",
    ["Một trận động đất mạnh 6,8 độ làm rung chuyển đảo Sulawesi, khiến ít nhất 14 người chết.",
     "Cơ quan khí tượng cho biết tâm chấn ở độ sâu 10 km, nhiều nhà cửa bị sập.",
     "Lực lượng cứu hộ đang tìm kiếm người mắc kẹt dưới đống đổ nát."],
]
QUAKE_PHILIPPINES = [
    "Động đất 5,9 độ ở Philippines, 3 người chết",
    ["Một trận động đất mạnh 5,9 độ làm rung chuyển đảo Mindanao, khiến 3 người chết.",
     "Cơ quan khí tượng cho biết tâm chấn ở độ sâu 10 km, nhiều nhà cửa bị hư hại.",
     "Lực lượng cứu hộ đang tìm kiếm người mắc kẹt dưới đống đổ nát."],
]


def test_headlines_that_name_different_countries_are_two_stories_with_the_reason():
    digests = [make("a", QUAKE_INDONESIA, "2026-03-08"), make("b", QUAKE_PHILIPPINES, "2026-03-09")]
    stories = group_stories(digests, run_date="2026-03-09")
    assert groups(stories) == [["a"], ["b"]]
    assert any("headlines name different countries" in line for story in stories for line in story.reason)
    # the same texts under headlines that name no country are one story: the countries split them
    plain = [make("a", [QUAKE_INDONESIA[0].replace(" ở Indonesia", ""), QUAKE_INDONESIA[1]], "2026-03-08"),
             make("b", [QUAKE_PHILIPPINES[0].replace(" ở Philippines", ""), QUAKE_PHILIPPINES[1]], "2026-03-09")]
    assert groups(group_stories(plain, run_date="2026-03-09")) == [["a", "b"]]


def test_foreign_countries_of_a_headline():
    from digest.namefinder import foreign_countries

    assert foreign_countries("Việt Nam – Chile hướng tới mục tiêu thương mại 3 tỉ USD") == {"Chile"}
    assert foreign_countries("Ngoại trưởng Phần Lan thăm Việt Nam") == {"Finland"}
    assert foreign_countries("Nhật Bản và Hàn Quốc tham vấn an ninh") == {"Japan", "South Korea"}
    assert foreign_countries("Mỹ, Triều Tiên đối thoại") == {"United States", "North Korea"}
    # a city, a region, a person's name are no country
    assert foreign_countries("Thị trưởng Nam Kinh bị sa thải") == frozenset()
    assert foreign_countries("Châu Âu họp về khí hậu") == frozenset()
    assert foreign_countries("Ông Trần Quốc Anh nhận giải") == frozenset()


def test_the_timeline_runs_oldest_first_by_date_and_time_and_the_dates_span_earliest_to_latest():
    from digest.render.options import RenderOptions
    from digest.stories import group_stories as grouped

    # a feed lists the newest first: the evening report, then the morning one, then the day before
    digests = [make("evening", FLOOD_3, "2024-09-11T18:05"), make("morning", FLOOD_2, "2024-09-11T07:30"),
               make("before", FLOOD, "2024-09-10T22:00")]
    story = grouped(digests, run_date="2024-09-12")[0]
    assert story.inputs == ["before", "morning", "evening"]
    assert [line.date for line in story.timeline] == ["2024-09-10T22:00", "2024-09-11T07:30", "2024-09-11T18:05"]
    from digest.core import render_story

    text = render_story(story, "md", RenderOptions(lang="vi", run_date="2024-09-12"))
    assert "2024-09-10 22:00 → 2024-09-11 18:05" in text  # from the earliest article to the latest


def test_a_story_summary_opens_with_the_earliest_lead_and_skips_crossheads_captions_and_dangling_sentences():
    from digest.stories.summary import candidate_sentences, leans_back, story_summary

    earliest = make("a", ["Bộ Y tế cấm bán thuốc giả", [
        "Bộ Y tế vừa ra quyết định cấm bán 20 loại thuốc giả trên toàn quốc.",
        "Thuốc giả được phát hiện tại 12 tỉnh.",
        "Nguồn gốc lô thuốc",  # a crosshead: short, no closing stop
        "Theo bộ trên, lô thuốc được nhập lậu qua biên giới. Cơ quan chức năng đang điều tra.",
        "Các nhà thuốc đã thu hồi sản phẩm. Ảnh: TTXVN",
    ]])
    later = make("b", ["Thu hồi 20 loại thuốc giả", [
        "Ông cho biết việc thu hồi sẽ hoàn tất trong tuần.",  # leans on a sentence that isn't there
        "Sở Y tế Hà Nội đã thu hồi hơn 5.000 hộp thuốc giả tại 300 nhà thuốc trong ngày 12/9.",
    ]], "2024-09-12")
    texts = [s for s, _ in candidate_sentences(earliest)]
    assert "Nguồn gốc lô thuốc" not in texts and not any("Ảnh:" in s for s in texts)
    assert leans_back("Theo bộ trên, lô thuốc được nhập lậu qua biên giới.") and not leans_back(
        "Ông Nguyễn Văn An cho biết như vậy.")
    assert [s for s, _ in candidate_sentences(later)] == [
        "Sở Y tế Hà Nội đã thu hồi hơn 5.000 hộp thuốc giả tại 300 nhà thuốc trong ngày 12/9."]
    summary = story_summary([earliest, later], 5)
    assert summary[:2] == earliest.article.paragraphs[:2]  # the earliest article's lead first
    assert "Sở Y tế Hà Nội" in " ".join(summary)  # and what the later article adds
    leaning = "Theo bộ trên, lô thuốc được nhập lậu qua biên giới."
    if leaning in summary:  # it may come only right after the sentence it leans on
        assert summary[summary.index(leaning) - 1] == "Thuốc giả được phát hiện tại 12 tỉnh."


def test_average_link_never_joins_a_pair_kept_apart():
    from digest.stories import average_link

    links = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9}
    assert average_link(3, links, 0.5) == [[0, 1, 2]]
    assert average_link(3, links, 0.5, apart=[(0, 2)]) in ([[0, 1], [2]], [[0], [1, 2]])


def test_the_pair_model_ships_as_package_data_weights_only():
    from importlib import resources

    from digest.stories.linking import FEATURES, shipped_model

    model = shipped_model()
    assert set(model.features) <= set(FEATURES) and len(model.weights) == len(model.features)
    weight = dict(zip(model.features, model.weights, strict=True))
    # more alike: more likely one event; further apart in days: less likely
    assert all(w > 0 for name, w in weight.items() if name != "gap") and weight.get("gap", -1) < 0
    assert 0 < model.threshold < 1
    record = json.loads(resources.files("digest").joinpath("data/story_pairs.json").read_text(encoding="utf-8"))
    assert set(record) == {"features", "weights", "bias", "threshold", "fitted"}
