"""Routing rules (pure): what a message asks, the matter it names, the FAQ or department."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from models.consultations import answers, deadlines, routing
from models.consultations.routing import FaqEntry, Intent, MatterHit, RouteRule


def test_questions_are_read_for_the_parts_of_the_guide_they_ask_about():
    assert routing.intents("办理食品经营许可需要哪些材料？多久能办好？") == {
        Intent.MATERIALS, Intent.TIME_LIMIT}
    assert routing.intents("个体户执照收费吗，在哪里办") == {Intent.FEES, Intent.LOCATION}
    assert routing.intents("饭店油烟太大") == frozenset()


def test_the_matter_name_is_cut_out_of_the_question():
    assert routing.subject_phrases("社会保障卡申领需要什么材料")[0] == "社会保障卡申领"
    assert "食品经营许可" in routing.subject_phrases("我想办理食品经营许可，要带哪些材料？")
    assert "办理" not in routing.subject_phrases("往来港澳通行证在哪里办理")
    assert routing.shortened("食品经营许可证") == [
        "食品经营许可证", "食品经营许可", "食品经营许", "食品经营"]


def test_only_an_unambiguous_search_hit_names_the_matter():
    assert routing.pick_matter([MatterHit(0, "a"), MatterHit(5, "b")]) == "a"
    assert routing.pick_matter([MatterHit(1, "a")]) == "a"
    assert routing.pick_matter([MatterHit(1, "a"), MatterHit(1, "b")]) is None
    assert routing.pick_matter([MatterHit(5, "a")]) is None
    assert routing.pick_matter([]) is None


def test_the_most_specific_faq_entry_wins_and_regions_are_respected():
    entries = [FaqEntry("1", ("公积金",), None, None),
               FaqEntry("2", ("公积金", "提取"), None, None),
               FaqEntry("3", ("公租房",), "330100", None),
               FaqEntry("4", ("投诉",), None, "HELP")]
    assert routing.match_faq("公积金怎么提取", "CONSULTATION", "330106", entries).id == "2"
    assert routing.match_faq("公积金余额", "CONSULTATION", "330106", entries).id == "1"
    assert routing.match_faq("公租房怎么申请", "CONSULTATION", "330106", entries).id == "3"
    assert routing.match_faq("公租房怎么申请", "CONSULTATION", "330212", entries) is None
    assert routing.match_faq("我要投诉", "CONSULTATION", "330106", entries) is None
    assert routing.region_chain("330106") == ["330106", "330100", "330000"]
    assert routing.region_chain("330000") == ["330000"]


def test_routing_prefers_a_nearer_region_then_a_longer_keyword():
    table = [RouteRule("噪音", "ecology"),
             RouteRule("噪音", "public_security", "COMPLAINT", "3301"),
             RouteRule("税", "tax"), RouteRule("退税", "tax", priority=1),
             RouteRule("社保", "hrss")]
    assert routing.route("晚上噪音扰民", "COMPLAINT", "330106", table).department_kind == \
        "public_security"
    assert routing.route("晚上噪音扰民", "COMPLAINT", "330212", table).department_kind == "ecology"
    assert routing.route("晚上噪音扰民", "SUGGESTION", "330106", table).department_kind == \
        "ecology"
    assert routing.route("个税退税怎么办", "CONSULTATION", "330106", table).keyword == "退税"
    assert routing.route("天气真好", "CONSULTATION", "330106", table) is None


def _doc(fees=()):
    material = SimpleNamespace(name="营业执照", form="COPY", copies=1, required=True,
                               deferrable=True)
    return SimpleNamespace(
        matter=SimpleNamespace(name="食品经营许可"), region=SimpleNamespace(name="西湖区"),
        department=SimpleNamespace(name="西湖区市场监督管理局"), materials=[material],
        fees=list(fees), legal_limit=20, legal_limit_unit="WORKING_DAY", promised_limit=5,
        promised_limit_unit="WORKING_DAY", case_type="PROMISED", address="西湖区政务服务中心",
        office_hours="工作日", handling_form="BOTH", online_url="", consult_phone="0571-12345")


def test_the_guide_answer_quotes_only_what_was_asked():
    text = answers.guide_answer(_doc(), {Intent.MATERIALS, Intent.FEES})
    assert "营业执照（复印件1份，可容缺后补）" in text and "不收费" in text
    assert "办理时限" not in text and "办理地点" not in text
    fee = SimpleNamespace(name="工本费", amount_fen=2050, unit="本", basis="")
    assert "工本费：20.50元/本" in answers.guide_answer(_doc([fee]), {Intent.FEES})
    assert "承诺时限5个工作日" in answers.guide_answer(_doc(), {Intent.TIME_LIMIT})


def test_due_dates_skip_national_day_2025_and_count_the_makeup_saturday():
    # 2025-10-01..08 are holidays; Saturday 10-11 is a make-up working day.
    assert deadlines.due_after(date(2025, 9, 30), 1).on == date(2025, 10, 9)
    assert deadlines.due_after(date(2025, 9, 30), 5).on == date(2025, 10, 14)
    assert deadlines.due_after(date(2025, 9, 30), 2).on == date(2025, 10, 10)
    assert not deadlines.due_after(date(2025, 9, 30), 5).provisional


def test_a_due_date_in_a_year_without_a_schedule_is_provisional():
    due = deadlines.due_after(date(2026, 12, 30), 5)
    assert due.provisional and due.on == date(2027, 1, 6)


def test_due_soon_and_overdue_flags():
    assert deadlines.due_status(date(2025, 10, 14), date(2025, 10, 9), 5) == "ON_TRACK"
    assert deadlines.due_status(date(2025, 10, 14), date(2025, 10, 13), 5) == "DUE_SOON"
    assert deadlines.due_status(date(2025, 10, 9), date(2025, 10, 8), 1) == "ON_TRACK"
    assert deadlines.due_status(date(2025, 10, 9), date(2025, 10, 9), 1) == "DUE_SOON"
    assert deadlines.due_status(date(2025, 10, 9), date(2025, 10, 10), 1) == "OVERDUE"
    assert deadlines.working_days_taken(date(2025, 9, 30), date(2025, 10, 9)) == 1
