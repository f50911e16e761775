"""Writing the referat in Slack, end to end through the fake Slack: modals, capture, round."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.domain.enums import MeetingStatus
from storage.models import AgendaItem, Meeting, Minutes, ReferatLine
from tests.conftest import CPH
from tests.harness import BotHarness

CHANNEL = "C0GROUP"
SEK, FMD, PIA, BO, MIL = "U0SEK", "U0FMD", "U0PIA", "U0BO", "U0MIL"
MEETING = datetime(2026, 11, 27, 13, 0, tzinfo=CPH)
BEFORE = datetime(2026, 11, 20, 9, 0, tzinfo=CPH)
DURING = datetime(2026, 11, 27, 14, 10, tzinfo=CPH)

#: The items proposed for the meeting; the agenda adds the standing items around them.
ITEMS: list[tuple[str, str, str | None]] = [
    (
        "decision",
        "Økonomimodel Sjælland",
        "Det indstilles, at styregruppen godkender økonomimodellen.",
    ),
    ("decision", "Rammeaftale 2027-28: tidsplan", "Det indstilles at tidsplanen godkendes"),
    ("decision", "Central udmelding, domfældte udviklingshæmmede", None),
    (
        "discussion",
        "Netværksgruppernes årsrapporter",
        "Det indstilles, at styregruppen drøfter rapporterne.",
    ),
    (
        "information",
        "Status på udviklingsprogrammet",
        "Det indstilles, at Styregruppen for Rammeaftale Sjælland:\n\n"
        "- Drøfter udviklingsprogrammets status med henblik på input\n"
        "- Tager orienteringen om udviklingsprogrammet til efterretning",
    ),
]
#: The meeting's agenda as the secretary sees it: 8 items.
TITLES = [
    "Godkendelse af dagsorden",
    *(title for _, title, _ in ITEMS),
    "Punkter til næste møde",
    "Evt.",
]


# ---------------------------------------------------------------------------- helpers


def setup_meeting(h: BotHarness) -> int:
    """A group, a meeting with 8 items, afbud with a substitute, and the notice posted."""
    group_id = h.add_group(chair=FMD)
    h.set_now(BEFORE - timedelta(days=1))
    with h.services.uow() as session:
        meeting = Meeting(
            group_id=group_id,
            starts_at=MEETING,
            ends_at=MEETING + timedelta(hours=2),
            location="Ringsted Kongrescenter",
            status=MeetingStatus.PLANNED,
            created_at=h.clock.now(),
        )
        session.add(meeting)
        session.flush()
        for position, (kind, title, recommendation) in enumerate(ITEMS):
            session.add(
                AgendaItem(
                    meeting_id=meeting.id,
                    position=position,
                    title=title,
                    kind=kind,
                    status="accepted",
                    recommendation=recommendation,
                    origin=f"test:{position}",
                    created_at=h.clock.now(),
                    updated_at=h.clock.now(),
                )
            )
        meeting_id = int(meeting.id)
    h.tick(BEFORE)
    h.wait_for(lambda: notice_ts(h, meeting_id))
    h.driver.mention(MIL, CHANNEL, "<@UBOT> afbud 27/11, Anne Hansen deltager i stedet")
    h.driver.mention(BO, CHANNEL, "<@UBOT> afbud 27/11 pga. ferie")
    h.wait_for(lambda: len(h.fake.ephemerals(user=BO)) >= 1 and len(h.fake.ephemerals(user=MIL)))
    h.set_now(DURING)
    return meeting_id


def notice_ts(h: BotHarness, meeting_id: int) -> str | None:
    with h.services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        return meeting.announcement_ts if meeting else None


def latest_view(h: BotHarness, user: str, callback_id: str) -> dict[str, Any]:
    """Return the current state of the person's latest view with a callback id."""
    for record in reversed(h.fake.views(user=user)):
        view = h.fake.view(str(record["view_id"]))
        if view and view.get("callback_id") == callback_id:
            return view
    raise AssertionError(f"no {callback_id} view for {user}")


def new_view(h: BotHarness, user: str, before: int, callback_id: str) -> dict[str, Any]:
    """Wait for the view a click opened or pushed (after the first ``before`` records).

    Other views change for the same person meanwhile (App Home, an overview's own
    update), so counting view records alone can pick up an older view.
    """

    def opened() -> dict[str, Any] | None:
        for record in h.fake.views(user=user)[before:]:
            if record["kind"] in ("push", "open"):
                view = h.fake.view(str(record["view_id"]))
                if view and view.get("callback_id") == callback_id:
                    return view
        return None

    return h.wait_for(opened)  # type: ignore[no-any-return]


def open_overview(h: BotHarness, user: str = SEK, text: str = "referat skriv") -> dict[str, Any]:
    before = len(h.fake.views(user=user))
    h.driver.command(user, text, channel=CHANNEL)
    return new_view(h, user, before, "referat_overview")


def button_value(view: dict[str, Any], action_id: str, contains: str | None = None) -> str:
    for block in view["blocks"]:
        elements = [block.get("accessory")] if block.get("accessory") else []
        elements += block.get("elements") or []
        for element in elements:
            if (
                element
                and element.get("action_id") == action_id
                and (contains is None or contains in json.dumps(block, ensure_ascii=False))
            ):
                return str(element["value"])
    raise AssertionError(f"no {action_id} button")


def open_item(h: BotHarness, user: str, title: str) -> dict[str, Any]:
    overview = latest_view(h, user, "referat_overview")
    value = button_value(overview, "referat_item", title)
    before = len(h.fake.views(user=user))
    h.driver.block_action(user, "referat_item", value, view=overview["id"])

    return new_view(h, user, before, "referat_item_submit")


def decision_block(view: dict[str, Any]) -> str:
    return next(
        b["block_id"] for b in view["blocks"] if b.get("block_id", "").startswith("decision")
    )


def values(
    view: dict[str, Any],
    *,
    discussion: str = "",
    decision: str = "",
    absent: list[int] = (),
    conflict: list[int] = (),
) -> dict[str, Any]:  # type: ignore[assignment]
    def chosen(ids: list[int]) -> dict[str, Any]:
        return {
            "value": {
                "type": "multi_static_select",
                "selected_options": [{"value": str(i)} for i in ids],
            }
        }

    return {
        "discussion": {"value": {"type": "plain_text_input", "value": discussion}},
        decision_block(view): {"value": {"type": "plain_text_input", "value": decision}},
        "absent": chosen(list(absent)),
        "conflict": chosen(list(conflict)),
    }


def submit_item(h: BotHarness, user: str, view: dict[str, Any], **fields: Any) -> Any:
    return h.driver.view_submission(
        user, "referat_item_submit", values(view, **fields), view_id=view["id"]
    )


def lines(h: BotHarness, number: str, field: str) -> list[str]:
    with h.services.uow() as session:
        item = session.scalar(select(AgendaItem).where(AgendaItem.number == number))
        assert item is not None
        return [
            r.text
            for r in session.scalars(
                select(ReferatLine)
                .where(ReferatLine.item_id == item.id, ReferatLine.field == field)
                .order_by(ReferatLine.position, ReferatLine.id)
            )
        ]


def member_id(h: BotHarness, user: str) -> int:
    from storage.repositories import MemberRepo

    with h.services.uow() as session:
        group_id = h.group_id(CHANNEL)
        assert group_id is not None
        member = MemberRepo(session).by_slack_user(group_id, user)
        assert member is not None
        return int(member.id)


def ephemeral_texts(h: BotHarness, user: str) -> list[str]:
    return [str(e["text"]) for e in h.fake.ephemerals(user=user)]


# ---------------------------------------------------------------------------- the scenario


def test_write_send_approve_and_read_back(harness: BotHarness) -> None:
    write_send_approve_and_read_back(harness)


def test_write_send_approve_on_postgresql(pg_harness: BotHarness) -> None:
    write_send_approve_and_read_back(pg_harness)


def write_send_approve_and_read_back(h: BotHarness) -> None:
    meeting_id = setup_meeting(h)
    thread = notice_ts(h, meeting_id)
    assert thread

    # The notice carries "Skriv referat"; the command opens the overview with 8 items.
    notice = h.fake.message(CHANNEL, thread)
    assert notice is not None and "referat_open" in json.dumps(notice["blocks"])
    overview = open_overview(h)
    text = json.dumps(overview["blocks"], ensure_ascii=False)
    at = [text.index(f"{n}. {title}") for n, title in enumerate(TITLES, start=1)]
    assert at == sorted(at)
    assert "3 af 5 medlemmer deltog" in text  # Bo and Mille sent afbud

    # Item 1 by modal, with the indstilling button.
    view = open_item(h, SEK, "Godkendelse af dagsorden")
    assert "godkender dagsordenen." in json.dumps(view["blocks"], ensure_ascii=False)
    h.driver.block_action(
        SEK, "referat_fill", button_value(view, "referat_fill"), view=view["id"], state_values={}
    )
    filled = h.wait_for(
        lambda: (
            "Styregruppen godkendte dagsordenen."
            in json.dumps(h.fake.view(view["id"]), ensure_ascii=False)
            and h.fake.view(view["id"])
        )
    )
    submit_item(h, SEK, filled, decision="- Styregruppen godkendte dagsordenen.")
    h.wait_for(lambda: lines(h, "1", "decision") == ["Styregruppen godkendte dagsordenen."])

    # Item 6: the bullet-list indstilling gives one decision per bullet; discussion too.
    view = open_item(h, SEK, "Status på udviklingsprogrammet")
    h.driver.block_action(
        SEK, "referat_fill", button_value(view, "referat_fill"), view=view["id"], state_values={}
    )
    filled = h.wait_for(
        lambda: (
            "tog orienteringen om udviklingsprogrammet til efterretning"
            in json.dumps(h.fake.view(view["id"]), ensure_ascii=False)
            and h.fake.view(view["id"])
        )
    )
    block = decision_block(filled)
    initial = next(b for b in filled["blocks"] if b.get("block_id") == block)["element"][
        "initial_value"
    ]
    assert initial.split("\n") == [
        "- Styregruppen drøftede udviklingsprogrammets status med henblik på input.",
        "- Styregruppen tog orienteringen om udviklingsprogrammet til efterretning.",
    ]
    submit_item(
        h,
        SEK,
        filled,
        decision=initial,
        discussion="Der var opbakning til arbejdet.",
        conflict=[member_id(h, PIA)],
    )
    h.wait_for(lambda: len(lines(h, "6", "decision")) == 2)
    assert lines(h, "6", "discussion") == ["Der var opbakning til arbejdet."]
    assert lines(h, "6", "conflict") == ["Pia Bille"]

    # Items 2-5 by message in the notice's thread: an edit, a delete and a tombstone.
    h.driver.mention(
        SEK,
        CHANNEL,
        "<@UBOT> beslutning 2: Styregruppen godkendte økonomimodellen",
        thread_ts=thread,
    )
    h.wait_for(lambda: lines(h, "2", "decision"))
    h.driver.mention(
        SEK, CHANNEL, "<@UBOT> Drøftelse pkt. 5 - Rapporterne blev drøftet kort", thread_ts=thread
    )
    h.driver.mention(SEK, CHANNEL, "<@UBOT> 3: Tidsplanen blev godkendt", thread_ts=thread)
    h.wait_for(lambda: lines(h, "3", "decision"))  # events are handled concurrently
    h.driver.mention(FMD, CHANNEL, "<@UBOT> 3: Høringen flyttes til marts", thread_ts=thread)
    h.wait_for(lambda: len(lines(h, "3", "decision")) == 2 and lines(h, "5", "discussion"))
    messages = {m["text"]: m["ts"] for m in h.fake.messages(CHANNEL, thread)}
    three = next(ts for text_, ts in messages.items() if "3: Tidsplanen" in text_)
    h.driver.message_changed(
        SEK, CHANNEL, three, "<@UBOT> 3: Tidsplanen blev godkendt med én ændring"
    )
    h.wait_for(lambda: lines(h, "3", "decision")[:1] == ["Tidsplanen blev godkendt med én ændring"])
    march = next(ts for text_, ts in messages.items() if "Høringen" in text_)
    h.driver.message_deleted(CHANNEL, march)
    h.wait_for(lambda: lines(h, "3", "decision") == ["Tidsplanen blev godkendt med én ændring"])
    h.driver.mention(SEK, CHANNEL, "<@UBOT> beslutning 4: Punktet udsættes", thread_ts=thread)
    h.wait_for(lambda: lines(h, "4", "decision"))
    four = next(m["ts"] for m in h.fake.messages(CHANNEL, thread) if "4: Punktet" in m["text"])
    # Real Slack edits a deleted message that has replies into a tombstone.
    h.driver.message_changed(SEK, CHANNEL, four, "This message was deleted.")
    h.wait_for(lambda: lines(h, "4", "decision") == [])
    h.driver.mention(
        SEK,
        CHANNEL,
        "<@UBOT> beslutning 4: Sekretariatet udsender et notat om udmeldingen senest 1. maj 2027",
        thread_ts=thread,
    )
    h.wait_for(lambda: lines(h, "4", "decision"))
    assert "memo" in json.dumps(h.fake.message(CHANNEL, three), ensure_ascii=False)

    # Bad input: an unknown item, a member without the role; nothing saved.
    h.driver.mention(SEK, CHANNEL, "<@UBOT> beslutning 12: Punktet blev udsat", thread_ts=thread)
    h.wait_for(lambda: any("intet punkt 12" in e for e in ephemeral_texts(h, SEK)))
    # Corrected by editing the message: Slack sends only the edit, which is taken.
    twelve = next(
        m["ts"] for m in h.fake.messages(CHANNEL, thread) if "beslutning 12:" in m["text"]
    )
    h.driver.message_changed(SEK, CHANNEL, twelve, "<@UBOT> beslutning 7: Punktet blev udsat")
    h.wait_for(lambda: lines(h, "7", "decision") == ["Punktet blev udsat"])
    h.driver.message_deleted(CHANNEL, twelve)
    h.wait_for(lambda: lines(h, "7", "decision") == [])
    h.driver.mention(PIA, CHANNEL, "<@UBOT> beslutning 7: Noget andet", thread_ts=thread)
    h.wait_for(lambda: any("formand" in e.casefold() for e in ephemeral_texts(h, PIA)))
    assert lines(h, "7", "decision") == []

    # Two writers: the chair's stale modal may not overwrite the secretary's decision.
    open_overview(h, FMD)
    chair_view = open_item(h, FMD, "Evt.")
    mine = open_item(h, SEK, "Evt.")
    submit_item(h, SEK, mine, decision="Intet.", absent=[member_id(h, FMD)])
    h.wait_for(lambda: lines(h, "8", "decision"))
    answer = submit_item(h, FMD, chair_view, decision="Noget helt andet.")
    body = answer.json()
    assert body["response_action"] == "errors"
    assert "ændret af Povl Skov" in json.dumps(body, ensure_ascii=False)
    assert lines(h, "8", "decision") == ["Intet."]
    assert lines(h, "8", "absent") == ["Morten Bøgelund Andersen"]

    # App Home offers "Skriv referat" to the secretary.
    h.driver.app_home_opened(SEK)
    h.wait_for(lambda: "referat_open" in json.dumps(h.fake.home(SEK) or {}))

    # Attendance: pre-filled from afbud; a guest added.
    overview = latest_view(h, SEK, "referat_overview")
    before = len(h.fake.views(user=SEK))
    h.driver.block_action(
        SEK, "referat_attendance", button_value(overview, "referat_attendance"), view=overview["id"]
    )
    attendance = new_view(h, SEK, before, "referat_attendance_submit")
    came = next(b for b in attendance["blocks"] if b.get("block_id") == "came")
    ticked = [o["value"] for o in came["element"]["initial_options"]]
    assert str(member_id(h, BO)) not in ticked and str(member_id(h, SEK)) in ticked
    h.driver.view_submission(
        SEK,
        "referat_attendance_submit",
        {
            "came": {
                "value": {"type": "checkboxes", "selected_options": [{"value": v} for v in ticked]}
            },
            "guests": {
                "value": {
                    "type": "plain_text_input",
                    "value": "Petrine Andersen, Konsulent, Region Sjælland",
                }
            },
        },
        view_id=attendance["id"],
    )

    # Send: DOCX and PDF in the request's thread, in the house layout.
    overview = latest_view(h, SEK, "referat_overview")
    h.driver.block_action(
        SEK, "referat_send", button_value(overview, "referat_send"), view=overview["id"]
    )
    request = h.wait_for(lambda: _request(h))
    files = h.wait_for(
        lambda: _files(h, request["ts"]) if len(_files(h, request["ts"])) >= 2 else None
    )
    docx = next(c for n, c in files if n.endswith(".docx"))
    pdf = next(c for n, c in files if n.endswith(".pdf"))
    check_document(_docx_text(docx))
    check_document(_pdf_text(pdf))

    # Round trip through the importer.
    from bot.ingest import load_document

    parsed = load_document(docx, "referat.docx")
    assert [i.number for i in parsed.items] == [str(n) for n in range(1, 9)]
    assert [i.title for i in parsed.items] == TITLES
    assert parsed.items[1].decisions == ["Styregruppen godkendte økonomimodellen"]
    assert parsed.items[2].decisions == ["Tidsplanen blev godkendt med én ændring"]
    written = [[d.rstrip(".") for d in lines(h, str(n), "decision")] for n in range(1, 9)]
    assert [[d.rstrip(".") for d in i.decisions] for i in parsed.items] == written
    assert "inhabilitet" in (parsed.items[5].discussion or "")
    names = [p.name for p in parsed.attendance.participants]
    assert "Povl Skov" in names and "Anne Hansen" in names
    assert [p.name for p in parsed.attendance.guests] == ["Petrine Andersen"]
    assert {p.name for p in parsed.attendance.absent} == {"Bo Gammelgaard", "Mille Schjoldan"}
    from_pdf = load_document(pdf, "referat.pdf")
    assert [(i.number, i.title) for i in from_pdf.items] == [
        (i.number, i.title) for i in parsed.items
    ]
    assert [i.decisions for i in from_pdf.items] == [i.decisions for i in parsed.items]

    # Approval by reactions, then the archive has the decisions.
    for user in (SEK, FMD, PIA, BO, MIL):
        h.driver.reaction_added(user, CHANNEL, request["ts"], "white_check_mark")
    h.tick(DURING + timedelta(days=8))
    h.wait_for(lambda: _status(h) == "approved")
    # After approval a captured message's edit changes nothing, and says why.
    h.driver.message_changed(SEK, CHANNEL, three, "<@UBOT> 3: Noget helt andet")
    h.wait_for(lambda: any("kan ikke længere" in e for e in ephemeral_texts(h, SEK)))
    assert lines(h, "3", "decision") == ["Tidsplanen blev godkendt med én ændring"]

    # The approved version keeps the very DOCX and PDF the members approved.
    with h.services.uow() as session:
        from storage.models import ReferatFile

        approved = session.scalar(select(Minutes).where(Minutes.status == "approved"))
        assert approved is not None
        kept = {
            f.kind: f.content
            for f in session.scalars(
                select(ReferatFile).where(ReferatFile.minutes_id == approved.id)
            )
        }
    assert kept == {"docx": docx, "pdf": pdf}

    # The action item among the decisions is offered as a task, as for uploaded minutes.
    h.tick(DURING + timedelta(days=8, minutes=1))
    h.wait_for(
        lambda: any(
            "task_confirm" in json.dumps(m.get("blocks"))
            and "Sekretariatet udsender et notat" in json.dumps(m, ensure_ascii=False)
            for m in h.bot_messages(h.fake.im_channel(SEK))
        ),
        timeout=10,
    )
    url = h.bot.settings.database_url
    shown = CliRunner().invoke(
        cli, ["show", "--date", "2026-11-27", "--json"], env={"DATABASE_URL": url}
    )
    assert shown.exit_code == 0, shown.output
    snapshot = json.loads(shown.output)
    decisions = {i["number"]: i["decisions"] for i in snapshot["items"]}
    assert decisions["2"] == ["Styregruppen godkendte økonomimodellen"]
    asked = CliRunner().invoke(cli, ["ask", "økonomimodellen", "--json"], env={"DATABASE_URL": url})
    assert asked.exit_code == 0, asked.output
    assert "Styregruppen godkendte økonomimodellen" in asked.output


def _maybe_view(h: BotHarness, user: str, callback_id: str) -> dict[str, Any] | None:
    try:
        return latest_view(h, user, callback_id)
    except AssertionError:
        return None


def _request(h: BotHarness) -> dict[str, Any] | None:
    for message in h.bot_messages(CHANNEL):
        blocks = message.get("blocks") or []
        if (
            blocks
            and blocks[0].get("type") == "header"
            and "godkendelse" in blocks[0]["text"]["text"]
        ):
            return message
    return None


def _files(h: BotHarness, ts: str) -> list[tuple[str, bytes]]:
    found = []
    for message in h.bot_messages(CHANNEL, ts):
        for file in message.get("files") or []:
            content = h.fake.file_content(file["id"])
            if content is not None:
                found.append((str(file.get("name") or ""), content))
    return found


def _status(h: BotHarness) -> str | None:
    with h.services.uow() as session:
        row = session.scalar(select(Minutes).order_by(Minutes.id.desc()))
        return row.status if row else None


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def check_document(text: str) -> None:
    """The header, the attendance table, every item and decision, in order."""
    flat = " ".join(text.split())
    for needle in (
        "Referat",
        "Ringsted Kongrescenter",
        "Deltagere",
        "Navn",
        "Arbejdssted",
        "Povl Skov",
        "Anne Hansen",
        "Gæster",
        "Petrine Andersen",
        "Afbud",
        "Bo Gammelgaard",
    ):
        assert needle in flat, needle
    positions = [flat.index(title) for title in TITLES]
    assert positions == sorted(positions)
    decisions = [
        "Styregruppen godkendte dagsordenen.",
        "Styregruppen godkendte økonomimodellen",
        "Tidsplanen blev godkendt med én ændring",
        "Sekretariatet udsender et notat om udmeldingen senest 1. maj 2027",
        "Rapporterne blev drøftet kort",
        "Pia Bille deltog ikke i behandlingen af punkt 6 på grund af inhabilitet.",
        "Styregruppen drøftede udviklingsprogrammets status",
        "Morten Bøgelund Andersen var fraværende under behandlingen af punkt 8.",
        "Intet.",
    ]
    at = [flat.index(d) for d in decisions]
    assert at == sorted(at)
    assert "Høringen flyttes" not in flat and "Punktet udsættes" not in flat


def test_bad_input_is_refused_with_an_example_and_nothing_half_saved(harness: BotHarness) -> None:
    bad_input_and_two_writers(harness)


def test_bad_input_and_two_writers_on_postgresql(pg_harness: BotHarness) -> None:
    bad_input_and_two_writers(pg_harness)


def bad_input_and_two_writers(h: BotHarness) -> None:
    meeting_id = setup_meeting(h)
    thread = notice_ts(h, meeting_id)
    assert thread

    # A member without the role: the slash command is refused, naming who may.
    h.driver.command(PIA, "referat skriv", channel=CHANNEL)
    refusal = h.wait_for(lambda: [r["text"] for r in h.responses() if "formand" in r["text"]])
    assert "sekretær" in refusal[0].casefold()
    assert not [v for v in h.fake.views(user=PIA)]

    # Outside the meeting's thread, the capture says where to write, with an example.
    h.driver.mention(SEK, CHANNEL, "<@UBOT> beslutning 2: Noget")
    h.wait_for(lambda: any("beslutning 5:" in e for e in ephemeral_texts(h, SEK)))

    # Text over Slack's limit: refused on the block; nothing of the item saved.
    overview = open_overview(h)
    view = open_item(h, SEK, "Økonomimodel Sjælland")
    answer = submit_item(h, SEK, view, discussion="Kort drøftelse.", decision="ord " * 1000)
    body = answer.json()
    assert body["response_action"] == "errors"
    assert "højst 3000" in json.dumps(body, ensure_ascii=False)
    assert lines(h, "2", "discussion") == [] and lines(h, "2", "decision") == []
    h.driver.mention(SEK, CHANNEL, "<@UBOT> beslutning 2: " + "ord " * 800, thread_ts=thread)
    h.wait_for(lambda: any("højst 3000" in e for e in ephemeral_texts(h, SEK)))
    assert lines(h, "2", "decision") == []

    # The chair writes the discussion while the secretary adds a decision by message:
    # both stand (the chair left the decision field as it was).
    chair_view = open_item(h, FMD, "Netværksgruppernes årsrapporter") if _opened(h, FMD) else None
    if chair_view is None:
        open_overview(h, FMD)
        chair_view = open_item(h, FMD, "Netværksgruppernes årsrapporter")
    h.driver.mention(
        SEK, CHANNEL, "<@UBOT> 5: Rapporterne blev taget til efterretning", thread_ts=thread
    )
    h.wait_for(lambda: lines(h, "5", "decision"))
    answer = submit_item(h, FMD, chair_view, discussion="Gode rapporter.")
    assert not answer.text.strip() or "errors" not in answer.text
    h.wait_for(lambda: lines(h, "5", "discussion") == ["Gode rapporter."])
    assert lines(h, "5", "decision") == ["Rapporterne blev taget til efterretning"]

    # Sent, then a later edit makes a new version and the round restarts.
    submit_item(h, SEK, view, decision="Styregruppen godkendte modellen.")
    h.wait_for(lambda: lines(h, "2", "decision"))
    h.driver.block_action(
        SEK, "referat_send", button_value(overview, "referat_send"), view=overview["id"]
    )
    h.wait_for(lambda: _versions(h) == [("open", 1)])
    view = open_item(h, SEK, "Økonomimodel Sjælland")
    submit_item(h, SEK, view, decision="Styregruppen godkendte modellen med en ændring.")
    h.wait_for(lambda: _versions(h) == [("superseded", 1), ("open", 2)])
    assert any(
        "Revideret" in json.dumps(m.get("blocks"), ensure_ascii=False)
        for m in h.bot_messages(CHANNEL)
    )

    # A cancelled meeting has no referat to write.
    with h.services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.status = MeetingStatus.CANCELLED
    h.driver.mention(SEK, CHANNEL, "<@UBOT> beslutning 3: Noget", thread_ts=thread)
    h.wait_for(lambda: any("aflyst" in e for e in ephemeral_texts(h, SEK)))
    assert lines(h, "3", "decision") == []


def _opened(h: BotHarness, user: str) -> bool:
    return _maybe_view(h, user, "referat_overview") is not None


def _versions(h: BotHarness) -> list[tuple[str, int]]:
    with h.services.uow() as session:
        return [
            (str(m.status), int(m.version))
            for m in session.scalars(select(Minutes).order_by(Minutes.version))
        ]
