"""Action items end to end: the real bot over HTTP against the fake Slack."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from sqlalchemy import select

from bot.archive import import_document
from bot.domain.enums import ActionStatus, MeetingStatus
from bot.router import ReactionEvent
from bot.tasks import offer_action_items
from storage.models import ActionComment, ActionItem, AuditEntry, Group, Meeting
from storage.repositories import MemberRepo
from tests.conftest import CORPUS, CPH
from tests.harness import BotHarness, Person

CHANNEL = "C0GROUP"
SEK, FMD, PIA, BO, MIL = "U0SEK", "U0FMD", "U0PIA", "U0BO", "U0MIL"
FRIDAY = datetime(2026, 11, 27, 13, 0, tzinfo=CPH)  # the next meeting, nine days ahead
REFERAT_2024 = "sjaelland-2024-03-15-referat.txt"
REFERAT_2019 = "sjaelland-2019-01-04-dagsorden-med-beslutninger.txt"


@pytest.fixture
def h(harness: BotHarness) -> BotHarness:
    harness.add_group(chair=FMD)
    return harness


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def group_id(h: BotHarness) -> int:
    found = h.group_id(CHANNEL)
    assert found is not None
    return found


def tasks(h: BotHarness) -> list[ActionItem]:
    with h.services.uow() as session:
        return list(session.scalars(select(ActionItem).order_by(ActionItem.id)))


def task(h: BotHarness, task_id: int) -> ActionItem:
    with h.services.uow() as session:
        found = session.get(ActionItem, task_id)
        assert found is not None
        return found


def member_id(h: BotHarness, user: str) -> int:
    gid = group_id(h)
    with h.services.uow() as session:
        member = MemberRepo(session).by_slack_user(gid, user)
        assert member is not None
        return int(member.id)


def dms(h: BotHarness, user: str) -> list[dict[str, Any]]:
    return h.bot_messages(h.fake.im_channel(user))


def ephemeral_texts(h: BotHarness, user: str) -> list[str]:
    return [e["text"] for e in h.fake.ephemerals(user=user)]


def wait_ephemeral(h: BotHarness, user: str, count: int = 1) -> list[str]:
    h.wait_for(lambda: len(ephemeral_texts(h, user)) >= count)
    return ephemeral_texts(h, user)


def command_reply(h: BotHarness, user: str, text: str) -> dict[str, Any]:
    """Send `/referent <text>` and return the answer it got through its response URL."""
    h.settle()  # a set-up command's late answer must not pass for this one's
    before = len(h.responses())
    h.driver.command(user, text, channel=CHANNEL)
    h.wait_for(lambda: len(h.responses()) > before)
    return h.responses()[-1]


def thread_reply(h: BotHarness, ts: str, needle: str) -> dict[str, Any] | None:
    """Return the bot's reply in a task's thread that holds a text."""
    for message in h.fake.messages(CHANNEL, thread_ts=ts):
        if message.get("ts") != ts and needle in str(message.get("text")):
            return message
    return None


def action_ids(message: dict[str, Any]) -> list[str]:
    return [
        e["action_id"]
        for b in message.get("blocks") or []
        if b["type"] == "actions"
        for e in b["elements"]
    ]


def valid_blocks(blocks: list[dict[str, Any]]) -> None:
    """Validate blocks with slack_sdk's own models (Slack's limits)."""
    assert len(blocks) <= 50
    for block in blocks:
        Block.parse(block).validate_json()  # type: ignore[union-attr]


def add_meeting(h: BotHarness, starts: datetime, **fields: Any) -> int:
    gid = group_id(h)
    with h.services.uow() as session:
        meeting = Meeting(
            group_id=gid,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            has_time=True,
            status=fields.pop("status", MeetingStatus.PLANNED),
            created_at=h.clock.now(),
            **fields,
        )
        session.add(meeting)
        session.flush()
        return int(meeting.id)


def create_by_mention(h: BotHarness, text: str, user: str = SEK) -> ActionItem:
    before = len(tasks(h))
    h.driver.mention(user, CHANNEL, f"<@UBOT> opgave: {text}")
    h.wait_for(lambda: len(tasks(h)) > before and tasks(h)[-1].message_ts)
    return tasks(h)[-1]


def import_corpus(h: BotHarness, name: str) -> int:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus not available at {CORPUS}")
    gid = group_id(h)
    with h.services.uow() as session:
        group = session.get(Group, gid)
        assert group is not None
        summary = import_document(
            session, group=group, data=path.read_bytes(), filename=name, now=h.clock.now()
        )
        return summary.meeting_id


# ---------------------------------------------------------------------------
# Written by hand
# ---------------------------------------------------------------------------


def test_mention_creates_a_task_with_owner_and_due_date(h: BotHarness) -> None:
    item = create_by_mention(h, "<@U0PIA> laver notat om takster senest 1/12")
    assert item.status == ActionStatus.OPEN
    assert item.text == "Laver notat om takster"
    assert item.owner_member_id == member_id(h, PIA) and item.owner_name == "Pia Bille"
    assert item.due_date == date(2026, 12, 1)
    assert item.via == "mention" and item.created_by == SEK
    # The task's own message is posted in the thread of the request, with its buttons.
    posted = h.fake.message(CHANNEL, str(item.message_ts))
    assert posted is not None and posted["thread_ts"] == item.source_ts
    assert "Opgave #" in posted["text"] and "<@U0PIA>" in posted["text"]
    assert action_ids(posted) == ["task_done", "task_edit", "task_comment"]
    valid_blocks(posted["blocks"])
    # The owner hears about it by DM, once.
    h.wait_for(lambda: dms(h, PIA))
    h.settle()
    assert len(dms(h, PIA)) == 1
    assert "Povl Skov har givet dig en opgave" in dms(h, PIA)[0]["text"]
    with h.services.uow() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "task.created")).all()
        assert len(audit) == 1


def test_slash_command_with_til_naeste_moede_and_named_owner(h: BotHarness) -> None:
    add_meeting(h, FRIDAY)
    h.driver.command(
        BO, "opgave Sekretariatet udarbejder en årsplan til næste møde", channel=CHANNEL
    )
    h.wait_for(lambda: tasks(h) and tasks(h)[-1].message_ts)
    item = tasks(h)[-1]
    assert item.due_date == date(2026, 11, 27)
    assert item.owner_member_id == member_id(h, SEK)  # "Sekretariatet" is the secretary
    assert item.text == "Sekretariatet udarbejder en årsplan"
    assert item.via == "slash" and item.source_ts is None
    assert h.fake.message(CHANNEL, str(item.message_ts)) is not None


def test_english_task_without_owner(h: BotHarness) -> None:
    h.driver.mention(PIA, CHANNEL, "<@UBOT> task: book the room for the seminar by 15/12")
    h.wait_for(lambda: tasks(h) and tasks(h)[-1].message_ts)
    item = tasks(h)[-1]
    assert item.text == "Book the room for the seminar"
    assert item.due_date == date(2026, 12, 15)
    assert item.owner_member_id is None and item.owner_name is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<@U0PIA> ringer til KL senest 30/2", "Jeg kan ikke læse datoen «30/2»"),
        ("<@U0PIA> ringer til KL senest 1/1/2020", "Fristen 2020-01-01 er allerede passeret"),
        ("<@U0OUT> ringer til KL", "er ikke medlem af *Styregruppen*"),
        ("", "Skriv, hvad der skal gøres"),
        ("#999 færdig", "Jeg kender ikke opgave #999"),
    ],
)
def test_bad_input_gets_an_example(h: BotHarness, text: str, expected: str) -> None:
    h.add_person(Person("U0OUT", "Ole Udenfor"))
    reply = command_reply(h, PIA, f"opgave {text}")["text"]
    assert expected in reply
    assert "`" in reply or "#999" in reply  # a working example (or the number it names)
    assert tasks(h) == []


def test_a_retried_mention_creates_one_task(h: BotHarness) -> None:
    response = h.driver.mention(SEK, CHANNEL, "<@UBOT> opgave: <@U0BO> sender budget senest 1/12")
    h.wait_for(lambda: tasks(h) and tasks(h)[-1].message_ts)
    sent = h.driver.sent[-1].payload
    h.driver.event(sent["event"], event_id=response.event_id, retry_num=1)
    h.settle()
    assert len(tasks(h)) == 1


# ---------------------------------------------------------------------------
# Done, reassigned, due date, comments
# ---------------------------------------------------------------------------


def test_check_mark_on_the_task_message_completes_it(h: BotHarness) -> None:
    item = create_by_mention(h, "<@U0PIA> laver notat senest 1/12")
    h.driver.reaction_added(PIA, CHANNEL, str(item.message_ts), "white_check_mark")
    h.wait_for(lambda: task(h, item.id).status == ActionStatus.DONE)
    assert task(h, item.id).done_at is not None
    updated = h.wait_for(
        lambda: (
            "er løst" in (h.fake.message(CHANNEL, str(item.message_ts)) or {}).get("text", "")
            and h.fake.message(CHANNEL, str(item.message_ts))
        )
    )
    assert action_ids(updated) == []


def test_check_mark_on_the_own_request_message_completes_it(h: BotHarness) -> None:
    item = create_by_mention(h, "<@U0PIA> laver notat senest 1/12", user=PIA)
    h.driver.reaction_added(PIA, CHANNEL, str(item.source_ts), "heavy_check_mark")
    h.wait_for(lambda: task(h, item.id).status == ActionStatus.DONE)


def test_reactions_on_other_messages_are_left_to_other_listeners(h: BotHarness) -> None:
    item = create_by_mention(h, "<@U0PIA> laver notat senest 1/12")
    other = h.fake.add_message(CHANNEL, FMD, "Referatet fra mødet")
    listener = h.bot.router.reaction_listeners[0]
    assert listener.__name__ == "on_reaction"
    event = ReactionEvent(PIA, CHANNEL, str(other["ts"]), "white_check_mark", True, "EvX1")
    assert listener(h.services, event) is False
    not_done = ReactionEvent(PIA, CHANNEL, str(item.message_ts), "eyes", True, "EvX2")
    assert listener(h.services, not_done) is False
    assert task(h, item.id).status == ActionStatus.OPEN


def test_someone_else_may_not_complete_a_members_task(h: BotHarness) -> None:
    item = create_by_mention(h, "<@U0PIA> laver notat senest 1/12", user=PIA)
    h.driver.reaction_added(MIL, CHANNEL, str(item.message_ts), "white_check_mark")
    text = wait_ephemeral(h, MIL)[0]
    assert "Du kan ikke ændre opgave" in text and "kommentar" in text
    assert task(h, item.id).status == ActionStatus.OPEN
    # The chair (a keeper) may.
    h.driver.reaction_added(FMD, CHANNEL, str(item.message_ts), "white_check_mark")
    h.wait_for(lambda: task(h, item.id).status == ActionStatus.DONE)


def test_done_button_and_the_text_commands(h: BotHarness) -> None:
    item = create_by_mention(h, "<@U0PIA> laver notat senest 1/12")
    h.driver.command(PIA, f"opgave #{item.id} frist 15/12", channel=CHANNEL)
    h.wait_for(lambda: task(h, item.id).due_date == date(2026, 12, 15))
    h.driver.command(PIA, f"opgave #{item.id} til <@U0BO>", channel=CHANNEL)
    h.wait_for(lambda: task(h, item.id).owner_member_id == member_id(h, BO))
    h.wait_for(lambda: dms(h, BO))  # the new owner hears about it
    h.driver.command(MIL, f"opgave #{item.id} kommentar Jeg har tal fra Køge", channel=CHANNEL)
    reply = h.wait_for(lambda: thread_reply(h, str(item.message_ts), "Køge"))
    with h.services.uow() as session:
        comments = session.scalars(select(ActionComment)).all()
        assert [c.text for c in comments] == ["Jeg har tal fra Køge"]
    assert "Mille Schjoldan" in reply["text"] and "Jeg har tal fra Køge" in reply["text"]
    h.driver.block_action(
        BO, "task_done", str(item.id), channel=CHANNEL, message_ts=str(item.message_ts)
    )
    h.wait_for(lambda: task(h, item.id).status == ActionStatus.DONE)


def test_edit_and_comment_modals(h: BotHarness) -> None:
    item = create_by_mention(h, "<@U0PIA> laver notat senest 1/12")
    h.driver.block_action(
        SEK, "task_edit", str(item.id), channel=CHANNEL, message_ts=str(item.message_ts)
    )
    view = h.wait_for(lambda: h.fake.views(user=SEK, kind="open"))[-1]["view"]
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["text"]["element"]["initial_value"] == "Laver notat"
    assert blocks["owner"]["element"]["initial_user"] == PIA
    assert blocks["due"]["element"]["initial_date"] == "2026-12-01"
    h.driver.view_submission(
        SEK,
        "task_modal",
        {
            "text": {"text": {"type": "plain_text_input", "value": "Notat om takster 2027"}},
            "owner": {"owner": {"type": "users_select", "selected_user": MIL}},
            "due": {"due": {"type": "datepicker", "selected_date": "2026-12-10"}},
        },
    )
    h.wait_for(lambda: task(h, item.id).owner_member_id == member_id(h, MIL))
    changed = task(h, item.id)
    assert changed.text == "Notat om takster 2027" and changed.due_date == date(2026, 12, 10)
    h.wait_for(
        lambda: (
            "Notat om takster 2027"
            in (h.fake.message(CHANNEL, str(item.message_ts)) or {}).get("text", "")
        )
    )
    # A past date is refused in the modal itself.
    h.driver.block_action(
        SEK, "task_edit", str(item.id), channel=CHANNEL, message_ts=str(item.message_ts)
    )
    h.wait_for(lambda: len(h.fake.views(user=SEK, kind="open")) == 2)
    response = h.driver.view_submission(
        SEK,
        "task_modal",
        {
            "text": {"text": {"type": "plain_text_input", "value": "Notat"}},
            "due": {"due": {"type": "datepicker", "selected_date": "2020-01-01"}},
        },
    )
    assert response.json()["response_action"] == "errors"
    assert "due" in response.json()["errors"]
    # Comments through the modal.
    h.driver.block_action(
        MIL, "task_comment", str(item.id), channel=CHANNEL, message_ts=str(item.message_ts)
    )
    h.wait_for(lambda: h.fake.views(user=MIL, kind="open"))
    h.driver.view_submission(
        MIL, "task_comment_modal", {"comment": {"comment": {"value": "Udkast er sendt"}}}
    )
    h.wait_for(lambda: thread_reply(h, str(item.message_ts), "Udkast er sendt"))


def test_message_shortcut_opens_a_prefilled_modal(h: BotHarness) -> None:
    source = h.fake.add_message(CHANNEL, FMD, "Kan <@U0BO> skaffe tallene fra Næstved senest 4/12?")
    h.driver.message_shortcut(PIA, "task_from_message", CHANNEL, source)
    view = h.wait_for(lambda: h.fake.views(user=PIA, kind="open"))[-1]["view"]
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["text"]["element"]["initial_value"].startswith("Kan Bo Gammelgaard skaffe")
    assert blocks["owner"]["element"]["initial_user"] == BO
    assert blocks["due"]["element"]["initial_date"] == "2026-12-04"
    h.driver.view_submission(
        PIA,
        "task_modal",
        {
            "text": {"text": {"value": "Skaf tallene fra Næstved"}},
            "owner": {"owner": {"selected_user": BO}},
            "due": {"due": {"selected_date": "2026-12-04"}},
        },
    )
    h.wait_for(lambda: tasks(h) and tasks(h)[-1].message_ts)
    item = tasks(h)[-1]
    assert item.via == "shortcut" and item.source_ts == source["ts"]
    assert item.owner_member_id == member_id(h, BO)
    posted = h.fake.message(CHANNEL, str(item.message_ts))
    assert posted is not None and posted.get("thread_ts") == source["ts"]
    # A ✅ on the message it was made from is not a ✅ on the task.
    h.driver.reaction_added(BO, CHANNEL, str(source["ts"]), "white_check_mark")
    h.settle()
    assert task(h, item.id).status == ActionStatus.OPEN


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------


def test_lists_put_overdue_first(h: BotHarness) -> None:
    late = create_by_mention(h, "<@U0PIA> sender regnskab senest 20/11")
    soon = create_by_mention(h, "<@U0PIA> laver notat senest 1/12")
    create_by_mention(h, "<@U0BO> ringer til KL")
    h.set_now(datetime(2026, 11, 23, 10, 0, tzinfo=CPH))
    mine = command_reply(h, PIA, "mine opgaver")
    text = json.dumps(mine["blocks"], ensure_ascii=False)
    assert text.index(f"#{late.id}") < text.index(f"#{soon.id}")
    assert "overskredet" in text and "Bo" not in text
    valid_blocks(mine["blocks"])
    group = json.dumps(command_reply(h, FMD, "opgaver")["blocks"], ensure_ascii=False)
    assert "3 åbne opgaver, heraf 1 over fristen" in group
    assert group.index("Pia Bille") < group.index("Bo Gammelgaard")


# ---------------------------------------------------------------------------
# Offered from the decisions
# ---------------------------------------------------------------------------


def offer_dm(h: BotHarness) -> dict[str, Any]:
    return h.wait_for(lambda: dms(h, SEK) and dms(h, SEK)[-1])


def test_offer_from_imported_minutes_confirm_edit_and_drop(h: BotHarness) -> None:
    meeting_id = import_corpus(h, REFERAT_2024)
    with h.services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        offered = offer_action_items(session, h.services, meeting, h.clock.now())
    assert offered >= 3
    with h.services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        assert offer_action_items(session, h.services, meeting, h.clock.now()) == 0
    candidates = tasks(h)
    assert len(candidates) == offered
    assert {c.status for c in candidates} == {ActionStatus.CANDIDATE}
    assert all(c.decision_id is not None and c.via == "minutes" for c in candidates)
    # "Region Sjælland" is Pia's organisation; "Sekretariatet (Lisbeth)" names a person
    # who is not a member, so nobody is guessed.
    by_text = {c.text.split()[0]: c for c in candidates}
    assert (
        by_text["Næstved,"].owner_name == "Lisbeth" and by_text["Næstved,"].owner_member_id is None
    )

    h.tick()  # the offer goes out from a due row, after the caller's transaction
    h.tick()
    dm = offer_dm(h)
    h.settle()
    assert len(dms(h, SEK)) == 1 and dms(h, FMD) == []  # the secretary, once
    valid_blocks(dm["blocks"])
    assert action_ids(dm).count("task_confirm") == offered
    assert "Intet bliver en opgave uden dig" in dm["text"]

    first, second, third = candidates[0], candidates[1], candidates[2]
    h.driver.block_action(
        SEK, "task_confirm", str(first.id), channel=dm["channel"], message_ts=dm["ts"]
    )
    h.wait_for(lambda: task(h, first.id).status == ActionStatus.OPEN)
    h.driver.block_action(
        SEK, "task_drop", str(second.id), channel=dm["channel"], message_ts=dm["ts"]
    )
    h.wait_for(lambda: task(h, second.id).status == ActionStatus.DROPPED)
    h.driver.block_action(
        SEK, "task_edit", str(third.id), channel=dm["channel"], message_ts=dm["ts"]
    )
    view = h.wait_for(lambda: h.fake.views(user=SEK, kind="open"))[-1]["view"]
    assert view["submit"]["text"] == "Gem og bekræft"
    h.driver.view_submission(
        SEK,
        "task_modal",
        {
            "text": {"text": {"value": third.text}},
            "owner": {"owner": {"selected_user": BO}},
            "due": {"due": {"selected_date": "2026-12-18"}},
        },
    )
    h.wait_for(lambda: task(h, third.id).status == ActionStatus.OPEN)
    assert task(h, third.id).owner_member_id == member_id(h, BO)
    # The offer message shows what was done; the new owner got the task by DM, and the DM
    # is the task's own message (a ✅ there completes it).
    h.wait_for(
        lambda: (
            action_ids(h.fake.message(dm["channel"], dm["ts"]) or {}).count("task_confirm")
            == offered - 3
        )
    )
    shown = json.dumps(h.fake.message(dm["channel"], dm["ts"]), ensure_ascii=False)
    assert shown.count("Bekræftet") == 2 and shown.count("Droppet") == 1
    h.wait_for(lambda: task(h, third.id).message_ts)
    owned = task(h, third.id)
    assert owned.channel == h.fake.im_channel(BO)
    h.driver.reaction_added(BO, str(owned.channel), str(owned.message_ts), "white_check_mark")
    h.wait_for(lambda: task(h, third.id).status == ActionStatus.DONE)
    # A member cannot confirm candidates.
    fourth = candidates[3]
    h.driver.block_action(PIA, "task_confirm", str(fourth.id))
    h.wait_for(lambda: dms(h, PIA))
    assert "Kun formanden og sekretariatet" in dms(h, PIA)[-1]["text"]
    assert task(h, fourth.id).status == ActionStatus.CANDIDATE


def test_offer_by_command_for_a_date(h: BotHarness) -> None:
    import_corpus(h, REFERAT_2019)
    assert (
        "Kun formanden og sekretariatet"
        in command_reply(h, PIA, "opgaver forslag 4/1/2019")["text"]
    )
    assert "som DM" in command_reply(h, SEK, "opgaver forslag 4/1/2019")["text"]
    dm = offer_dm(h)
    valid_blocks(dm["blocks"])
    created = tasks(h)
    assert len(created) >= 6
    # "til næste styregruppemøde" has no next meeting on record: no due date guessed.
    assert any(c.text == "Sekretariatet udarbejder en årsplan" for c in created)
    # Asking again offers nothing new and sends the same pending candidates.
    assert "som DM" in command_reply(h, SEK, "opgaver forslag 4/1/2019")["text"]
    assert len(tasks(h)) == len(created)
    assert "15/3/2024" in command_reply(h, SEK, "opgaver forslag 31/2")["text"]


# ---------------------------------------------------------------------------
# Overdue: the weekly nudge
# ---------------------------------------------------------------------------


def test_overdue_owner_is_nudged_once_a_week(h: BotHarness) -> None:
    item = create_by_mention(h, "<@U0PIA> sender regnskab senest 20/11")
    h.wait_for(lambda: dms(h, PIA))
    assigned = len(dms(h, PIA))
    h.tick(datetime(2026, 11, 20, 23, 0, tzinfo=CPH))  # the due day itself: on time
    h.tick(datetime(2026, 11, 21, 9, 0, tzinfo=CPH))
    h.tick(datetime(2026, 11, 21, 9, 1, tzinfo=CPH))
    h.tick(datetime(2026, 11, 22, 12, 0, tzinfo=CPH))
    h.settle()
    assert len(dms(h, PIA)) == assigned + 1
    nudge = dms(h, PIA)[-1]
    assert "havde frist" in nudge["text"] and "task_done" in action_ids(nudge)
    h.tick(datetime(2026, 11, 28, 9, 0, tzinfo=CPH))
    h.settle()
    assert len(dms(h, PIA)) == assigned + 2
    h.driver.block_action(
        PIA, "task_done", str(item.id), channel=nudge["channel"], message_ts=nudge["ts"]
    )
    h.wait_for(lambda: task(h, item.id).status == ActionStatus.DONE)
    h.tick(datetime(2026, 12, 5, 9, 0, tzinfo=CPH))
    h.settle()
    assert len([m for m in dms(h, PIA) if "havde frist" in m["text"]]) == 2


# ---------------------------------------------------------------------------
# App Home
# ---------------------------------------------------------------------------


def test_home_shows_my_tasks_and_the_overview(h: BotHarness) -> None:
    add_meeting(h, FRIDAY, location="Ringsted")
    item = create_by_mention(h, "<@U0PIA> laver notat senest 1/12")
    h.driver.app_home_opened(PIA)
    home = h.wait_for(lambda: h.fake.home(PIA))
    dump = json.dumps(home["blocks"], ensure_ascii=False)
    assert "Dine opgaver" in dump and f"#{item.id}" in dump and "Overblik" in dump
    assert dump.index("Dine opgaver") < dump.index("Overblik")
    assert "du har ikke svaret" in dump
    h.driver.block_action(PIA, "task_done", str(item.id), view=home["id"])
    h.wait_for(lambda: task(h, item.id).status == ActionStatus.DONE)
    h.wait_for(
        lambda: "Du har ingen åbne opgaver" in json.dumps(h.fake.home(PIA), ensure_ascii=False)
    )


@pytest.mark.postgres
def test_offer_and_completion_on_postgresql(pg_harness: BotHarness) -> None:
    h = pg_harness
    h.add_group(chair=FMD)
    meeting_id = import_corpus(h, REFERAT_2019)
    with h.services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        offered = offer_action_items(session, h.services, meeting, h.clock.now())
    assert offered >= 6
    h.tick()
    dm = offer_dm(h)
    first = tasks(h)[0]
    h.driver.block_action(
        SEK, "task_confirm", str(first.id), channel=dm["channel"], message_ts=dm["ts"]
    )
    h.wait_for(lambda: task(h, first.id).status == ActionStatus.OPEN)
    item = create_by_mention(h, "<@U0PIA> laver notat senest 1/12")
    h.driver.reaction_added(PIA, CHANNEL, str(item.message_ts), "white_check_mark")
    h.wait_for(lambda: task(h, item.id).status == ActionStatus.DONE)
