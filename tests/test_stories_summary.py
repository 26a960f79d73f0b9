"""digest.stories.summary: the earliest lead as written, and a photo's caption never chosen."""
from __future__ import annotations

from digest.model import Article, Digest
from digest.stories import summary as summary_module
from digest.stories.summary import candidate_sentences, story_summary

# Two opening sentences that share their subject (cosine ~0.6 over syllable unigrams and
# bigrams: above SUMMARY_DUPLICATE, below LEAD_REPEAT), and a third on something else.
SAPO = "Chiều 23/10, Quốc hội nghe báo cáo về tình hình thực hiện dự toán ngân sách nhà nước năm 2013."
SECOND = ("Theo báo cáo về tình hình thực hiện dự toán, thu ngân sách nhà nước năm 2013 ước đạt 752.370 tỷ đồng, "
          "giảm 7,8% so với dự toán.")
THIRD = "Nguyên nhân hụt thu là tăng trưởng kinh tế không đạt kế hoạch, doanh nghiệp gặp nhiều khó khăn."
RESTATED = "Chiều 23/10, Quốc hội đã nghe báo cáo về tình hình thực hiện dự toán ngân sách nhà nước năm 2013."
LATER = ["Nhiều đại biểu cho rằng nâng bội chi ngân sách lên 5,3% GDP là cần thiết để dành cho đầu tư phát triển.",
         "Đại biểu Nguyễn Đình Quyền lo ngại mức bội chi 5,3% chưa đủ để trả nợ đến hạn và đầu tư."]


def make(name: str, paragraphs: list[str], date: str = "2013-10-23") -> Digest:
    return Digest(Article(name, "Ngân sách 2013", list(paragraphs), date=date), summary=list(paragraphs[:2]))


def test_the_earliest_lead_is_kept_as_written_when_its_sentences_share_a_subject(monkeypatch):
    earliest, later = make("a", [SAPO, SECOND, THIRD]), make("b", LATER, "2013-10-24")
    summary = story_summary([earliest, later], 5)
    assert summary[:summary_module.LEAD_KEEP] == [SAPO, SECOND, THIRD][:summary_module.LEAD_KEEP]
    # Before: the lead stopped at the first sentence as like one before it as a repeat
    # across articles, so the second sentence of the lead was lost (and never added back).
    monkeypatch.setattr(summary_module, "LEAD_REPEAT", summary_module.SUMMARY_DUPLICATE)
    assert SECOND not in story_summary([earliest, later], 5)


def test_a_lead_sentence_restating_the_one_before_ends_the_lead_and_is_not_repeated():
    earliest, later = make("a", [SAPO, RESTATED, THIRD]), make("b", LATER, "2013-10-24")
    summary = story_summary([earliest, later], 5)
    assert summary[0] == SAPO and RESTATED not in summary


def test_a_short_sentence_before_a_photo_credit_is_a_caption_and_never_chosen(monkeypatch):
    real = ("Xác cá voi dài 15 m dạt vào bờ biển xã Bình Thạnh, huyện Tuy Phong, tỉnh Bình Thuận sáng 10/9 "
            "khi nước rút.")
    caption = "Ngư dân tò mò kéo đến xem."
    long_before_credit = ("Cơ quan chức năng cho biết con cá voi nặng khoảng 10 tấn và đã chết nhiều ngày "
                          "trước khi dạt vào bờ.")
    alone = "Người dân đứng xem xác cá voi."
    article = make("a", [
        f"{real} {caption} Ảnh: Minh Hải Chính quyền xã đã chôn cất xác cá voi ngay trong ngày.",
        f"{long_before_credit} (Ảnh: TTXVN)",  # a long sentence before a credit is the text, not a caption
        alone,
        "Ảnh: Minh Hải",  # a credit as a paragraph of its own, after its caption
        "Ngư dân địa phương lập bàn thờ và làm lễ theo phong tục trước khi chôn cất cá voi.",
    ])
    texts = [s for s, _ in candidate_sentences(article)]
    assert real in texts and long_before_credit in texts
    assert caption not in texts and alone not in texts and not any("Ảnh" in s for s in texts)
    summary = story_summary([article, make("b", LATER, "2013-10-24")], 5)
    assert caption not in summary and alone not in summary
    monkeypatch.setattr(summary_module, "CAPTION_SYLLABLES", 0)  # before: only the credit's own sentence
    texts = [s for s, _ in candidate_sentences(article)]
    assert caption in texts and alone in texts


def test_after_the_lead_comes_what_the_other_articles_also_say(monkeypatch):
    # The later articles agree on the deficit ("bội chi ... 5,3%"); the second one also has a
    # sentence about the report the lead is about, central to the story's sentences but
    # said by that article alone: the shared fact is added first.
    lone = ("Báo cáo tình hình thực hiện dự toán ngân sách năm 2013 do Bộ Tài chính chuẩn bị và gửi tới các "
            "đại biểu từ tuần trước.")
    earliest = make("a", [SAPO, SECOND, THIRD])
    second = make("b", [lone, LATER[0]], "2013-10-24")
    third = make("c", [LATER[1]], "2013-10-25")
    monkeypatch.setattr(summary_module, "LEAD_KEEP", 3)  # the whole lead, whatever the shipped count
    summary = story_summary([earliest, second, third], 4)
    assert summary == [SAPO, SECOND, THIRD, LATER[0]]
    monkeypatch.setattr(summary_module, "ADDITIONS", "centrality")  # before: the most central sentence
    assert story_summary([earliest, second, third], 4)[3] == lone
    pairs = [summary_module._pairs(w) for w in (["bội", "chi", "5,3%"], ["mức", "bội", "chi"])]
    assert summary_module._shared_pairs([(1, 0, "", False), (2, 0, "", False)], pairs) == {("bội", "chi"): 2}
