"""Scenarios of proposals and the agenda through the fake Slack: every way in, curation,
carry-over, late items, the "decided before" hint, edits, deletions and retries."""

from __future__ import annotations

import importlib.util
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.domain.enums import ActionStatus, ItemKind, ItemStatus, MeetingStatus
from storage.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Group,
    Meeting,
)
from tests.harness import BotHarness

CPH = ZoneInfo("Europe/Copenhagen")
CHANNEL = "C0GROUP"
SECRETARY = "U0SEK"
CHAIR = "U0FMD"
PIA = "U0PIA"
BO = "U0BO"


# ------------------------------------------------------------------------------- helpers


def committee(h: BotHarness) -> int:
    """Set up the group with a secretary and a chair."""
    return h.add_group(chair=CHAIR)


def add_meeting(h: BotHarness, group_id: int, start: datetime, hours: int = 3) -> int:
    """Create a planned meeting straight in the database (set-up, not the way in under test)."""
    from datetime import timedelta

    with h.services.uow() as session:
        meeting = Meeting(
            group_id=group_id,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            has_time=True,
            location="Ringsted Kongrescenter",
            status=MeetingStatus.PLANNED,
            created_at=h.clock.now(),
            agenda_version=0,
            sequence=0,
        )
        session.add(meeting)
        session.flush()
        return int(meeting.id)


def settled_after(h: BotHarness, before: int) -> None:
    """Wait until the bot has called Slack since a count of calls, then until it is quiet."""
    h.wait_for(lambda: len(h.fake.calls()) > before, timeout=10)
    h.settle()


def mention(h: BotHarness, user: str, text: str, **kwargs: Any) -> Any:
    """Post a message mentioning the bot and wait for the bot to be done."""
    before = len(h.fake.calls())
    response = h.driver.mention(user, CHANNEL, f"<@{h.fake.bot_user_id}> {text}", **kwargs)
    settled_after(h, before)
    return response


def command(h: BotHarness, user: str, text: str) -> None:
    """Run a slash command and wait until the bot has answered."""
    before = len(h.fake.calls())
    status, _, _ = h.driver.command(user, text, channel=CHANNEL)
    assert status == 200
    settled_after(h, before)


def items(h: BotHarness, meeting_id: int | None = None) -> list[AgendaItem]:
    """Return the agenda item rows (of one meeting), oldest first."""
    with h.services.uow() as session:
        query = select(AgendaItem).order_by(AgendaItem.id)
        if meeting_id is not None:
            query = query.where(AgendaItem.meeting_id == meeting_id)
        rows = list(session.scalars(query))
        session.expunge_all()
        return rows


def proposals(h: BotHarness) -> list[AgendaItem]:
    """Return the rows that are proposals (not standing or derived)."""
    return [i for i in items(h) if not i.is_standing and i.origin is None]


def last_response(h: BotHarness) -> dict[str, Any]:
    """Return the last body a slash command or button answered through a response URL."""
    return h.responses()[-1]


def block_texts(blocks: list[dict[str, Any]] | None) -> str:
    """Return every text of some blocks, joined."""
    out: list[str] = []
    for block in blocks or []:
        text = block.get("text")
        if isinstance(text, dict):
            out.append(str(text.get("text", "")))
        for element in block.get("elements") or []:
            if isinstance(element, dict) and isinstance(element.get("text"), str):
                out.append(element["text"])
    return "\n".join(out)


def agenda_numbers(h: BotHarness, meeting_id: int) -> list[tuple[str, str]]:
    """Return (number, title) of the assembled agenda."""
    from bot.agenda import assemble_agenda

    with h.services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        agenda = assemble_agenda(session, meeting, h.clock.now())
        return [(e.number, e.title) for e in agenda.entries]


def find(rows: list[tuple[str, str]], title: str) -> str:
    """Return the number of a title in (number, title) rows."""
    return next(number for number, t in rows if t == title)


MARCH = datetime(2027, 3, 12, 12, 0, tzinfo=CPH)
NOVEMBER = datetime(2026, 11, 25, 9, 0, tzinfo=CPH)
DECEMBER = datetime(2026, 12, 10, 9, 0, tzinfo=CPH)


# ------------------------------------------------------------------------------- ways in


def test_mention_proposal_with_every_part_is_confirmed_in_thread(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    may = add_meeting(h, group_id, datetime(2027, 5, 3, 9, 0, tzinfo=CPH))
    add_meeting(h, group_id, MARCH)
    response = mention(
        h,
        PIA,
        "punkt: Budget 2027 til mødet 3/5 (drøftelse)\n"
        "Vi skal tage stilling til rammen.\n"
        "indstilling: Styregruppen godkender rammen\n"
        "<https://example.dk/budget.pdf|Budgetnotat>",
    )
    [item] = proposals(h)
    assert item.meeting_id == may  # "til mødet 3/5", not the next meeting
    assert (item.title, item.kind, item.status) == ("Budget 2027", "discussion", "proposed")
    assert item.summary == "Vi skal tage stilling til rammen."
    assert item.recommendation == "Styregruppen godkender rammen"
    assert item.proposer_name == "Pia Bille"
    assert not item.is_late
    replies = h.bot_messages(CHANNEL, thread_ts=response.ts)
    confirmation = replies[-1]
    assert confirmation["thread_ts"] == response.ts
    text = block_texts(confirmation["blocks"])
    # Item 2 is the approval of the minutes of the March meeting before it.
    assert "*3. Budget 2027* (til drøftelse) – foreslået af Pia Bille" in text
    assert "Budgetnotat (https://example.dk/budget.pdf)" in text
    assert "mandag 3. maj 2027" in text
    actions = [
        e["action_id"]
        for b in confirmation["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert actions == ["proposal_edit", "proposal_withdraw"]
    with h.services.uow() as session:
        stored = session.get(AgendaItem, item.id)
        assert stored is not None and [a.title for a in stored.attachments] == ["Budgetnotat"]
        assert stored.confirm_ts == confirmation["ts"]


def test_slash_proposal_goes_to_the_next_meeting(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    march = add_meeting(h, group_id, MARCH)
    add_meeting(h, group_id, datetime(2027, 5, 3, 9, 0, tzinfo=CPH))
    command(h, BO, "punkt Status på netværksgrupperne (orientering)")
    [item] = proposals(h)
    assert (item.meeting_id, item.kind, item.via) == (march, "information", "slash")
    posted = h.bot_messages(CHANNEL)[-1]
    assert "Status på netværksgrupperne" in posted["text"]
    assert "thread_ts" not in posted


def test_message_shortcut_opens_a_prefilled_modal_and_confirms_in_thread(
    harness: BotHarness,
) -> None:
    h = harness
    group_id = committee(h)
    march = add_meeting(h, group_id, MARCH)
    source = h.fake.add_message(
        CHANNEL,
        BO,
        "Kofoedsminde – oplæg til Koordinationsforum\nVi bør drøfte et fælles udspil.\n"
        "<https://example.dk/oplaeg.pdf|Oplæg>",
    )
    h.driver.message_shortcut(PIA, "propose_from_message", CHANNEL, source)
    h.settle()
    [opened] = [v for v in h.fake.views(user=PIA, kind="open")]
    view = opened["view"]
    assert view["callback_id"] == "proposal_modal"
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert (
        blocks["title"]["element"]["initial_value"] == "Kofoedsminde – oplæg til Koordinationsforum"
    )
    assert blocks["summary"]["element"]["initial_value"] == "Vi bør drøfte et fælles udspil."
    assert "https://example.dk/oplaeg.pdf" in blocks["attachments"]["element"]["initial_value"]
    assert blocks["meeting"]["element"]["initial_option"]["value"] == str(march)
    h.driver.view_submission(
        PIA,
        "proposal_modal",
        {
            "title": {"value": {"type": "plain_text_input", "value": "Kofoedsminde – oplæg"}},
            "kind": {
                "value": {"type": "radio_buttons", "selected_option": {"value": "discussion"}}
            },
            "meeting": {
                "value": {"type": "static_select", "selected_option": {"value": str(march)}}
            },
            "summary": {"value": {"type": "plain_text_input", "value": "Fælles udspil"}},
            "background": {"value": {"type": "plain_text_input", "value": None}},
            "recommendation": {"value": {"type": "plain_text_input", "value": None}},
            "attachments": {
                "value": {
                    "type": "plain_text_input",
                    "value": "Oplæg https://example.dk/oplaeg.pdf",
                }
            },
        },
    )
    h.settle()
    [item] = proposals(h)
    assert (item.title, item.kind, item.via, item.source_ts) == (
        "Kofoedsminde – oplæg",
        "discussion",
        "shortcut",
        source["ts"],
    )
    assert item.proposer_name == "Pia Bille"
    confirmation = h.bot_messages(CHANNEL, thread_ts=source["ts"])[-1]
    assert confirmation["thread_ts"] == source["ts"]
    assert "Kofoedsminde – oplæg" in block_texts(confirmation["blocks"])


def test_global_shortcut_and_home_button_open_the_modal(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    march = add_meeting(h, group_id, MARCH)
    h.driver.global_shortcut(BO, "propose_item")
    h.settle()
    view = h.fake.views(user=BO, kind="open")[-1]["view"]
    assert view["callback_id"] == "proposal_modal"
    h.driver.app_home_opened(BO)
    home = h.wait_for(lambda: h.fake.home(BO))
    buttons = [
        e
        for b in home["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e.get("action_id") == "proposal_open"
    ]
    assert buttons and buttons[0]["value"] == str(march)
    h.driver.block_action(BO, "proposal_open", str(march), view=home["id"])
    h.settle()
    assert len(h.fake.views(user=BO, kind="open")) == 2
    h.driver.view_submission(
        BO,
        "proposal_modal",
        {
            "title": {"value": {"type": "plain_text_input", "value": "Temadag for kommunerne"}},
            "kind": {"value": {"type": "radio_buttons", "selected_option": {"value": "decision"}}},
            "meeting": {
                "value": {"type": "static_select", "selected_option": {"value": str(march)}}
            },
        },
    )
    h.settle()
    [item] = proposals(h)
    assert (item.title, item.via) == ("Temadag for kommunerne", "modal")
    assert "Temadag for kommunerne" in h.bot_messages(CHANNEL)[-1]["text"]


def test_guest_and_outsider_cannot_propose(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    add_meeting(h, group_id, MARCH)
    from tests.harness import Person

    h.add_person(Person("U0OUT", "Olga Udenfor"))
    command(h, "U0OUT", "punkt Noget")
    assert proposals(h) == []
    assert "foreslå punkter" in last_response(h)["text"]


# ------------------------------------------------------------------------------- curation


def test_curation_is_for_the_chair_and_secretary(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    march = add_meeting(h, group_id, MARCH)
    mention(h, PIA, "punkt: Årsrapport fra Socialtilsyn Øst")
    command(h, BO, "dagsorden accepter F1")
    refusal = last_response(h)["text"]
    assert "behandle forslag til dagsordenen" in refusal and "formand eller sekretær" in refusal
    assert proposals(h)[0].status == "proposed"
    command(h, BO, "dagsorden")
    assert "formand eller sekretær" in last_response(h)["text"]

    command(h, CHAIR, "dagsorden")
    draft = last_response(h)
    accept = next(
        e
        for b in draft["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "agenda_accept"
    )
    h.driver.block_action(CHAIR, "agenda_accept", accept["value"], channel=CHANNEL)
    h.settle()
    [item] = proposals(h)
    assert item.status == "accepted"
    numbers = agenda_numbers(h, march)
    assert numbers[:2] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Årsrapport fra Socialtilsyn Øst"),
    ]
    assert "er optaget som punkt 2" in block_texts(last_response(h)["blocks"])
    dms = h.fake.messages(channel=h.fake.im_channel(PIA))
    assert any("optaget på dagsordenen" in m["text"] for m in dms)
    confirmation = h.fake.message(CHANNEL, item.confirm_ts or "")
    assert confirmation is not None and "Optaget på dagsordenen som punkt 2" in block_texts(
        confirmation["blocks"]
    )


def test_reject_with_reason_tells_the_proposer(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    add_meeting(h, group_id, MARCH)
    mention(h, PIA, "punkt: Ny temadag")
    command(h, SECRETARY, "dagsorden")
    reject = next(
        e
        for b in last_response(h)["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "agenda_reject"
    )
    h.driver.block_action(SECRETARY, "agenda_reject", reject["value"], channel=CHANNEL)
    h.settle()
    modal = h.fake.views(user=SECRETARY, kind="open")[-1]["view"]
    assert modal["callback_id"] == "agenda_reject_modal"
    h.driver.view_submission(
        SECRETARY,
        "agenda_reject_modal",
        {"reason": {"value": {"type": "plain_text_input", "value": "Behandles i K17 <!channel>"}}},
    )
    h.settle()
    [item] = proposals(h)
    assert item.status == "rejected" and item.reject_reason == "Behandles i K17 <!channel>"
    dm = h.fake.messages(channel=h.fake.im_channel(PIA))[-1]["text"]
    assert "Behandles i K17 &lt;!channel&gt;" in dm and "Povl Skov" in dm
    confirmation = h.fake.message(CHANNEL, item.confirm_ts or "")
    assert confirmation is not None and "Afvist" in block_texts(confirmation["blocks"])


def test_reorder_change_kind_and_postpone_by_text(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    march = add_meeting(h, group_id, MARCH)
    may = add_meeting(h, group_id, datetime(2027, 5, 3, 9, 0, tzinfo=CPH))
    for title in ("Alfa", "Beta", "Gamma"):
        mention(h, PIA, f"punkt: {title}")
    for _ in range(3):
        command(h, CHAIR, "dagsorden accepter F1")
    assert [t for _, t in agenda_numbers(h, march)][1:4] == ["Alfa", "Beta", "Gamma"]
    command(h, CHAIR, "dagsorden op 3")
    assert [t for _, t in agenda_numbers(h, march)][1:4] == ["Beta", "Alfa", "Gamma"]
    command(h, CHAIR, "dagsorden type 4 orientering")
    numbers = agenda_numbers(h, march)
    assert numbers[1:3] == [("2", "Beta"), ("3", "Alfa")]
    assert find(numbers, "Gamma") == "4"
    assert [i.kind for i in proposals(h) if i.title == "Gamma"] == ["information"]
    command(h, CHAIR, "dagsorden udsæt 2 til 3/5")
    beta = next(i for i in proposals(h) if i.title == "Beta")
    # Not published yet: the item simply moves (it was never "udsat fra" anything).
    assert (beta.meeting_id, beta.status) == (may, "accepted")
    # In May, item 2 approves the minutes of the March meeting.
    assert ("3", "Beta") in agenda_numbers(h, may)
    command(h, CHAIR, "dagsorden ned 1")
    assert "fast punkt" in last_response(h)["text"]


def test_overflow_menu_and_kind_modal_on_the_draft(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    march = add_meeting(h, group_id, MARCH)
    mention(h, PIA, "punkt: Alfa")
    mention(h, PIA, "punkt: Beta")
    command(h, CHAIR, "dagsorden accepter F1")
    command(h, CHAIR, "dagsorden accepter F1")
    command(h, CHAIR, "dagsorden")
    menus = [
        b["accessory"]
        for b in last_response(h)["blocks"]
        if b.get("accessory", {}).get("action_id") == "agenda_entry"
    ]
    beta_menu = menus[1]
    up = next(o for o in beta_menu["options"] if o["value"].startswith("up|"))
    h.driver.block_action(
        CHAIR,
        "agenda_entry",
        channel=CHANNEL,
        action={"type": "overflow", "selected_option": up},
    )
    h.settle()
    assert [t for _, t in agenda_numbers(h, march)][1:3] == ["Beta", "Alfa"]
    kind = next(o for o in beta_menu["options"] if o["value"].startswith("kind|"))
    h.driver.block_action(
        CHAIR, "agenda_entry", channel=CHANNEL, action={"type": "overflow", "selected_option": kind}
    )
    h.settle()
    assert h.fake.views(user=CHAIR, kind="open")[-1]["view"]["callback_id"] == "agenda_kind_modal"
    h.driver.view_submission(
        CHAIR,
        "agenda_kind_modal",
        {"kind": {"value": {"type": "radio_buttons", "selected_option": {"value": "information"}}}},
    )
    h.settle()
    beta = next(i for i in proposals(h) if i.title == "Beta")
    assert beta.kind == "information"
    refreshed = h.responses()[-1]
    assert "er nu til orientering" in block_texts(refreshed["blocks"])


# ------------------------------------------------------------------------------- late items


def test_a_proposal_after_the_deadline_is_numbered_as_a_late_item(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    november = add_meeting(h, group_id, NOVEMBER)  # in a week: the 10-day deadline has passed
    with h.services.uow() as session:
        group = session.get(Group, group_id)
        assert group is not None
        group.fixed_information_items = ["Nyt fra K17 og KKR"]
    # One regular item, proposed before the deadline (clock set back).
    h.set_now(datetime(2026, 11, 10, 9, 0, tzinfo=CPH))
    mention(h, PIA, "punkt: Status for Rammeaftale")
    h.set_now(datetime(2026, 11, 18, 10, 0, tzinfo=CPH))
    command(h, CHAIR, "dagsorden accepter F1")
    response = mention(h, BO, "punkt: Suppleanter til følgegruppen")
    mention(h, BO, "punkt: Koordinationsforum 16/6 (orientering)")
    rows = proposals(h)
    assert [i.is_late for i in rows] == [False, True, True]
    confirmation = h.bot_messages(CHANNEL, thread_ts=response.ts)[-1]
    text = block_texts(confirmation["blocks"])
    assert "*2B. Suppleanter til følgegruppen*" in text
    assert "Eftersendt" in text and "15. november" in text
    for _ in range(2):
        command(h, CHAIR, "dagsorden accepter F1")
    assert agenda_numbers(h, november) == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Status for Rammeaftale"),
        ("2B", "Suppleanter til følgegruppen"),
        ("3", "Nyt fra K17 og KKR"),
        ("3B", "Koordinationsforum 16/6"),
        ("4", "Punkter til næste møde"),
        ("5", "Evt."),
    ]


# ------------------------------------------------------------------------------- carry-over


def test_carry_over_across_two_meetings(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    first = add_meeting(h, group_id, DECEMBER)
    second = add_meeting(h, group_id, MARCH)
    third = add_meeting(h, group_id, datetime(2027, 5, 3, 9, 0, tzinfo=CPH))
    mention(h, PIA, "punkt: Principper for mer/mindreudgifter til mødet 10/12")
    command(h, CHAIR, "dagsorden 10/12 accepter F1")
    command(h, CHAIR, "dagsorden 10/12 udgiv")
    published = h.bot_messages(CHANNEL)[-1]
    assert "Principper for mer/mindreudgifter" in block_texts(published["blocks"])
    # Published, so postponing marks it "udsat fra 10/12" on the next agenda.
    command(h, CHAIR, "dagsorden 10/12 udsæt 2 til 12/3")
    original = next(i for i in proposals(h) if i.meeting_id == first)
    assert (original.status, original.postponed_to_meeting_id) == ("postponed", second)
    from bot.agenda import assemble_agenda

    with h.services.uow() as session:
        agenda = assemble_agenda(session, session.get(Meeting, second), h.clock.now())  # type: ignore[arg-type]
        carried = next(e for e in agenda.entries if e.title.startswith("Principper"))
        assert (carried.number, carried.carried_from) == ("3", "10/12")
    command(h, CHAIR, "dagsorden 12/3")
    assert "_(udsat fra 10/12)_" in block_texts(last_response(h)["blocks"])

    # The first meeting is held; at it the group postponed one more item without a date.
    with h.services.uow() as session:
        session.add(
            AgendaItem(
                meeting_id=first,
                title="Fælles temadag",
                kind=ItemKind.DECISION,
                status=ItemStatus.POSTPONED,
                position=99,
                created_at=h.clock.now(),
                updated_at=h.clock.now(),
            )
        )
        meeting = session.get(Meeting, first)
        assert meeting is not None
        meeting.status = MeetingStatus.HELD
    h.set_now(datetime(2026, 12, 14, 9, 0, tzinfo=CPH))
    numbers = agenda_numbers(h, second)
    assert ("4", "Fælles temadag") in numbers
    command(h, CHAIR, "dagsorden udgiv")
    rows = items(h, second)
    copies = [r for r in rows if r.carried_from_id is not None]
    assert sorted(r.title for r in copies) == [
        "Fælles temadag",
        "Principper for mer/mindreudgifter",
    ]
    with h.services.uow() as session:
        temadag = session.scalar(
            select(AgendaItem).where(
                AgendaItem.meeting_id == first, AgendaItem.title == "Fælles temadag"
            )
        )
        assert temadag is not None and temadag.postponed_to_meeting_id == second
    # At the second meeting it is postponed again: now "udsat fra 12/3" on the third.
    command(h, CHAIR, "dagsorden 12/3 udsæt 4 til 3/5")
    with h.services.uow() as session:
        agenda = assemble_agenda(session, session.get(Meeting, third), h.clock.now())  # type: ignore[arg-type]
        again = next(e for e in agenda.entries if e.title == "Fælles temadag")
        assert again.carried_from == "12/3"
    # Nothing is carried twice.
    assert sum(1 for _, t in agenda_numbers(h, second) if t == "Fælles temadag") == 1


def test_items_for_the_next_meeting_and_overdue_tasks_are_assembled(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    previous = add_meeting(h, group_id, datetime(2026, 10, 12, 9, 0, tzinfo=CPH))
    march = add_meeting(h, group_id, MARCH)
    now = h.clock.now()
    with h.services.uow() as session:
        meeting = session.get(Meeting, previous)
        assert meeting is not None
        meeting.status = MeetingStatus.HELD
        meeting.next_meeting_note = "• Netværksgruppernes årsrapporter"
        standing = AgendaItem(
            meeting_id=previous,
            number="9",
            title="Punkter til næste møde",
            kind=ItemKind.STANDING,
            status=ItemStatus.TREATED,
            is_standing=True,
            created_at=now,
            updated_at=now,
        )
        session.add(standing)
        session.flush()
        session.add(
            Decision(item_id=standing.id, text="Opfølgning på § 110 arbejdsgruppen", created_at=now)
        )
        session.add(
            ActionItem(
                group_id=group_id,
                text="Sekretariatet udarbejder en årsplan",
                owner_name="Povl Skov",
                due_date=date(2027, 1, 15),
                status=ActionStatus.OPEN,
                created_at=now,
            )
        )
        session.add(
            ActionItem(
                group_id=group_id,
                text="Not yet due",
                due_date=date(2027, 6, 1),
                status=ActionStatus.OPEN,
                created_at=now,
            )
        )
    from bot.agenda import assemble_agenda

    with h.services.uow() as session:
        agenda = assemble_agenda(session, session.get(Meeting, march), now)  # type: ignore[arg-type]
    titles = [(e.number, e.title) for e in agenda.entries]
    assert titles == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Godkendelse af referat fra mødet 12/10"),
        ("3", "Netværksgruppernes årsrapporter"),
        ("4", "Opfølgning på § 110 arbejdsgruppen"),
        ("5", "Opfølgning på opgaver med overskredet frist"),
        ("6", "Punkter til næste møde"),
        ("7", "Evt."),
    ]
    follow_up = agenda.entries[4]
    assert follow_up.details == (
        "Sekretariatet udarbejder en årsplan – Povl Skov (frist 15. januar 2027)",
    )
    assert agenda.entries[2].carried_from == "12/10"


# ------------------------------------------------------------------------------- publishing


def test_publish_then_republish_marks_the_changes(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    march = add_meeting(h, group_id, MARCH)
    mention(h, PIA, "punkt: Alfa <https://example.dk/alfa.pdf|Alfanotat>")
    mention(h, BO, "punkt: Beta (orientering)")
    command(h, SECRETARY, "dagsorden accepter F1")
    command(h, SECRETARY, "dagsorden accepter F1")
    command(h, SECRETARY, "dagsorden")
    publish = next(
        e
        for b in last_response(h)["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "agenda_publish"
    )
    h.driver.block_action(SECRETARY, "agenda_publish", publish["value"], channel=CHANNEL)
    h.settle()
    first = h.bot_messages(CHANNEL)[-1]
    text = block_texts(first["blocks"])
    assert "Dagsorden – Styregruppen" in text and "Version 1" in text
    assert "*Punkter til indstilling/beslutning*" in text and "*Punkter til orientering*" in text
    assert "*2.* Alfa" in text and "til beslutning · Pia Bille" in text
    assert "Alfanotat (https://example.dk/alfa.pdf)" in text
    with h.services.uow() as session:
        meeting = session.get(Meeting, march)
        assert meeting is not None and meeting.agenda_version == 1
        assert meeting.agenda_ts == first["ts"]
    assert [r.number for r in items(h, march) if r.title in ("Alfa", "Beta")] == ["2", "3"]
    command(h, SECRETARY, "dagsorden udgiv")
    assert "uændret siden version 1" in last_response(h)["text"]
    mention(h, PIA, "punkt: Gamma")
    command(h, SECRETARY, "dagsorden accepter F1")
    command(h, SECRETARY, "dagsorden udgiv")
    second = h.bot_messages(CHANNEL)[-1]
    text = block_texts(second["blocks"])
    assert "Version 2" in text and "Ændret siden version 1" in text and "Nyt: 3. Gamma" in text
    old = h.fake.message(CHANNEL, first["ts"])
    assert old is not None and "erstattet af version 2" in block_texts(old["blocks"])
    # Members see the published version, not the draft.
    command(h, BO, "dagsorden")
    assert "*3.* Gamma" in block_texts(last_response(h)["blocks"])


def test_export_uploads_docx_and_markdown_to_the_channel(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    add_meeting(h, group_id, MARCH)
    mention(h, PIA, "punkt: Alfa\nindstilling: Det indstilles, at styregruppen godkender")
    command(h, SECRETARY, "dagsorden accepter F1")
    command(h, SECRETARY, "dagsorden eksport md")
    command(h, SECRETARY, "dagsorden eksport docx")
    files = [f for m in h.bot_messages(CHANNEL) for f in m.get("files") or []]
    names = [f["name"] for f in files]
    assert "dagsorden-styregruppen-2027-03-12.md" in names
    assert "dagsorden-styregruppen-2027-03-12.docx" in names
    md = next(f for f in files if f["name"].endswith(".md"))
    content = (h.fake.file_content(md["id"]) or b"").decode()
    assert (
        "## 2. Alfa" in content and "**Indstilling:**" in content and "**Beslutning:**" in content
    )
    docx_file = next(f for f in files if f["name"].endswith(".docx"))
    assert (h.fake.file_content(docx_file["id"]) or b"").startswith(b"PK")


# ------------------------------------------------------------------------------- edits


def test_editing_the_message_updates_and_deleting_it_withdraws(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    add_meeting(h, group_id, MARCH)
    response = mention(h, PIA, "punkt: Budget 2026")
    [item] = proposals(h)
    bot = h.fake.bot_user_id
    h.driver.message_changed(
        PIA,
        CHANNEL,
        response.ts,
        f"<@{bot}> punkt: Budget 2027 (orientering)\nindstilling: Tages til efterretning",
    )
    h.settle()
    [item] = proposals(h)
    assert (item.title, item.kind, item.recommendation) == (
        "Budget 2027",
        "information",
        "Tages til efterretning",
    )
    confirmation = h.fake.message(CHANNEL, item.confirm_ts or "")
    assert confirmation is not None and "Budget 2027" in block_texts(confirmation["blocks"])
    h.driver.message_changed(
        PIA, CHANNEL, response.ts, f"<@{bot}> punkt: Budget 2028 til mødet 33/5"
    )
    h.wait_for(lambda: h.fake.ephemerals(user=PIA))
    assert "Din rettelse er ikke overført" in h.fake.ephemerals(user=PIA)[-1]["text"]
    assert proposals(h)[0].title == "Budget 2027"
    h.driver.message_deleted(CHANNEL, response.ts)
    h.settle()
    [item] = proposals(h)
    assert item.status == "withdrawn"
    confirmation = h.fake.message(CHANNEL, item.confirm_ts or "")
    assert confirmation is not None and "Trukket tilbage" in block_texts(confirmation["blocks"])


def test_edit_and_withdraw_buttons_are_for_the_proposer_and_officers(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    add_meeting(h, group_id, MARCH)
    mention(h, PIA, "punkt: Budget")
    [item] = proposals(h)
    h.driver.block_action(
        BO, "proposal_withdraw", str(item.id), channel=CHANNEL, message_ts=item.confirm_ts
    )
    h.settle()
    assert proposals(h)[0].status == "proposed"
    assert (
        "kun forslagsstilleren, formanden eller sekretæren"
        in h.fake.ephemerals(user=BO)[-1]["text"]
    )
    h.driver.block_action(
        PIA, "proposal_edit", str(item.id), channel=CHANNEL, message_ts=item.confirm_ts
    )
    h.settle()
    modal = h.fake.views(user=PIA, kind="open")[-1]["view"]
    assert modal["callback_id"] == "proposal_edit_modal"
    h.driver.view_submission(
        PIA,
        "proposal_edit_modal",
        {
            "title": {"value": {"type": "plain_text_input", "value": "Budget 2027"}},
            "kind": {"value": {"type": "radio_buttons", "selected_option": {"value": "decision"}}},
            "meeting": {
                "value": {
                    "type": "static_select",
                    "selected_option": {"value": str(item.meeting_id)},
                }
            },
        },
    )
    h.settle()
    assert proposals(h)[0].title == "Budget 2027"
    h.driver.block_action(
        CHAIR, "proposal_withdraw", str(item.id), channel=CHANNEL, message_ts=item.confirm_ts
    )
    h.settle()
    assert proposals(h)[0].status == "withdrawn"


# ------------------------------------------------------------------------------- bad input


def test_bad_dates_are_quoted_with_examples(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    add_meeting(h, group_id, MARCH)
    mention(h, PIA, "punkt: Budget til mødet 33/5")
    assert proposals(h) == []
    text = h.fake.ephemerals(user=PIA)[-1]["text"]
    assert "»33/5«" in text and "`/referent møde 3/5 kl 9-12`" in text
    mention(h, PIA, "punkt: Budget til mødet 4/5")
    assert "Der er intet møde tirsdag 4. maj 2027" in h.fake.ephemerals(user=PIA)[-1]["text"]
    assert "fredag 12. marts 2027" in h.fake.ephemerals(user=PIA)[-1]["text"]


def test_a_retried_event_does_not_create_a_second_proposal(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    add_meeting(h, group_id, MARCH)
    response = mention(h, PIA, "punkt: Budget 2027")
    sent = next(s for s in reversed(h.driver.sent) if s.kind == "event:app_mention")
    h.driver.event(sent.payload["event"], event_id=response.event_id, retry_num=1)
    h.driver.event(sent.payload["event"], retry_num=2)  # a new envelope id, same message
    h.settle()
    assert len(proposals(h)) == 1
    assert len(h.bot_messages(CHANNEL, thread_ts=response.ts)) == 1


# ------------------------------------------------------------------------------- the hint


def test_the_decided_before_hint_offers_the_earlier_decisions(harness: BotHarness) -> None:
    if importlib.util.find_spec("bot.archive") is None:
        pytest.skip("bot.archive (the archive search) is not there yet")
    from bot.archive import index_item

    h = harness
    group_id = committee(h)
    past = add_meeting(h, group_id, datetime(2024, 3, 15, 12, 0, tzinfo=CPH))
    add_meeting(h, group_id, MARCH)
    now = h.clock.now()
    with h.services.uow() as session:
        meeting = session.get(Meeting, past)
        assert meeting is not None
        meeting.status = MeetingStatus.HELD
        earlier = AgendaItem(
            meeting_id=past,
            number="6",
            title="Revision af standardkontrakter V",
            kind=ItemKind.DECISION,
            status=ItemStatus.TREATED,
            summary="Revision af standardkontrakterne for de sociale tilbud",
            created_at=now,
            updated_at=now,
        )
        session.add(earlier)
        session.flush()
        session.add(
            Decision(
                item_id=earlier.id,
                text="Styregruppen godkendte de reviderede standardkontrakter",
                created_at=now,
            )
        )
        session.flush()
        index_item(session, earlier.id)
        earlier_id = earlier.id
    response = mention(h, PIA, "punkt: Revision af standardkontrakter")
    confirmation = h.bot_messages(CHANNEL, thread_ts=response.ts)[-1]
    text = block_texts(confirmation["blocks"])
    assert "Har I besluttet dette før?" in text
    assert "15. marts 2024, punkt 6:* Revision af standardkontrakter V" in text
    assert "Styregruppen godkendte de reviderede standardkontrakter" in text
    menu = next(b["accessory"] for b in confirmation["blocks"] if b.get("block_id") == "hint-0")
    merge = next(o for o in menu["options"] if o["value"].startswith("merge|"))
    h.driver.block_action(
        BO,
        "proposal_hint",
        channel=CHANNEL,
        message_ts=confirmation["ts"],
        action={"type": "overflow", "selected_option": merge},
    )
    h.settle()
    assert proposals(h)[0].related_item_id is None  # a member may not
    h.driver.block_action(
        CHAIR,
        "proposal_hint",
        channel=CHANNEL,
        message_ts=confirmation["ts"],
        action={"type": "overflow", "selected_option": merge},
    )
    h.settle()
    [item] = [i for i in proposals(h) if i.meeting_id != past]
    assert item.related_item_id == earlier_id
    assert item.title == "Revision af standardkontrakter VI"
    updated = h.fake.message(CHANNEL, confirmation["ts"])
    assert updated is not None and "tidligere behandlet 15/3, punkt 6" in block_texts(
        updated["blocks"]
    )


def test_app_home_shows_the_draft_to_officers(harness: BotHarness) -> None:
    h = harness
    group_id = committee(h)
    add_meeting(h, group_id, MARCH)
    mention(h, PIA, "punkt: Alfa")
    h.driver.app_home_opened(CHAIR)
    home = h.wait_for(lambda: h.fake.home(CHAIR))
    text = block_texts(home["blocks"])
    assert "Udkast til dagsorden" in text and "Alfa" in text
    accept = next(
        e
        for b in home["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e.get("action_id") == "agenda_accept"
    )
    h.driver.block_action(CHAIR, "agenda_accept", accept["value"], view=home["id"])
    h.wait_for(lambda: proposals(h)[0].status == "accepted")
    h.wait_for(lambda: "*2.* Alfa" in block_texts((h.fake.home(CHAIR) or {}).get("blocks", [])))
    h.driver.app_home_opened(PIA)
    member_home = h.wait_for(lambda: h.fake.home(PIA))
    assert member_home is not None
    member_text = block_texts(member_home["blocks"])
    assert "Dine forslag" in member_text and "Udkast til dagsorden" not in member_text


def test_english_group_gets_english_replies(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR, language="en")
    command(h, CHAIR, "meeting 12. marts kl. 12-15 Ringsted")
    assert (
        "The meeting is created: Friday 12 March 2027, 12:00–15:00, Ringsted"
        in last_response(h)["text"]
    )
    response = mention(h, PIA, "propose Budget 2027 (for decision)")
    confirmation = h.bot_messages(CHANNEL, thread_ts=response.ts)[-1]
    assert "*2. Budget 2027* (for decision) – proposed by Pia Bille" in block_texts(
        confirmation["blocks"]
    )
    command(h, BO, "agenda accept F1")
    assert "Only the chair or secretary can" in last_response(h)["text"]


def test_one_scenario_on_postgresql(pg_harness: BotHarness) -> None:
    h = pg_harness
    group_id = committee(h)
    march = add_meeting(h, group_id, MARCH)
    response = mention(h, PIA, "punkt: Budget 2027 (beslutning)")
    sent = next(s for s in reversed(h.driver.sent) if s.kind == "event:app_mention")
    h.driver.event(sent.payload["event"], event_id=response.event_id, retry_num=1)
    h.settle()
    command(h, CHAIR, "dagsorden accepter F1")
    command(h, CHAIR, "dagsorden udgiv")
    command(h, CHAIR, "dagsorden udgiv")
    assert len(proposals(h)) == 1
    assert agenda_numbers(h, march)[:2] == [("1", "Godkendelse af dagsorden"), ("2", "Budget 2027")]
    with h.services.uow() as session:
        meeting = session.get(Meeting, march)
        assert meeting is not None and meeting.agenda_version == 1
    assert datetime.now(UTC)  # the real clock is never read by the bot; the fixed one is
