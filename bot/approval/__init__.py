"""Use cases of the approval of the minutes: post, vote, object, revise, remind, settle.

The round follows the groups' own decision — "referater godkendes via mail og
fremsendes til godkendelse senest ugedagen efter mødets afholdelse" — with reactions in
place of the reply-all. The pure rules live in ``bot.domain.approval``; the messages in
``bot.minutes_render``.

Every write runs in the caller's transaction. Messages that must reach someone exactly
once (DMs, thread notes, the outcome) are written as due work in that same transaction
and sent right after it commits; should Slack fail, the scheduler's tick retries them,
and a ``SentLog`` key keeps a retry from sending twice.

The modules, each importing only those before it: ``reading`` (a round and its view),
``views`` (pure Block Kit), ``sending`` (Slack work after the commit), ``settling``,
``posting``, ``votes``, ``replies`` (thread replies, objections handled), ``jobs`` and
``reports``. This module only re-exports their names, so callers import from here.
"""

from __future__ import annotations

from bot.approval.jobs import JOB_READERS, run_await_expiry, run_deadline, run_offer, run_remind
from bot.approval.posting import (
    AWAIT_WINDOW,
    MAX_FILE_BYTES,
    Attachment,
    PostResult,
    UploadedFile,
    _check_can_post,
    _open_round,
    awaited_file,
    check_file,
    expect_file,
    held_meeting,
    meeting_day,
    post_draft,
    post_generated,
    post_minutes_file,
    wanted_day,
)
from bot.approval.reading import (
    ASKED,
    AWAIT_FILE,
    CLOSED,
    COUNTED,
    DEADLINE,
    HELD,
    NO,
    OBJECTED,
    OFFER,
    REMIND,
    SEND,
    WITHDRAWN,
    YES,
    RoundReads,
    document_by_hash,
    group_rules,
    latest_round,
    latest_version,
    minutes_by_message,
    minutes_document,
    outcome_of,
    read_removal,
    read_round,
    round_view,
    voters_of,
)
from bot.approval.replies import (
    HandledResult,
    QuestionAnswer,
    answer_question,
    handle_objections,
    in_approval_thread,
    objection_for_handling,
    record_reply,
    record_reply_change,
)
from bot.approval.reports import approvals_report, home_blocks, round_for, status_for
from bot.approval.sending import refresh_request, run_send, send_later
from bot.approval.settling import settle_if_ready
from bot.approval.views import QUESTION_NO, QUESTION_YES, question_message
from bot.approval.votes import reconcile_votes, record_reaction

__all__ = [
    "ASKED",
    "AWAIT_FILE",
    "AWAIT_WINDOW",
    "CLOSED",
    "COUNTED",
    "DEADLINE",
    "HELD",
    "JOB_READERS",
    "MAX_FILE_BYTES",
    "NO",
    "OBJECTED",
    "OFFER",
    "QUESTION_NO",
    "QUESTION_YES",
    "REMIND",
    "SEND",
    "WITHDRAWN",
    "YES",
    "Attachment",
    "HandledResult",
    "PostResult",
    "QuestionAnswer",
    "RoundReads",
    "UploadedFile",
    "_check_can_post",
    "_open_round",
    "answer_question",
    "approvals_report",
    "awaited_file",
    "check_file",
    "document_by_hash",
    "expect_file",
    "group_rules",
    "handle_objections",
    "held_meeting",
    "home_blocks",
    "in_approval_thread",
    "latest_round",
    "latest_version",
    "meeting_day",
    "minutes_by_message",
    "minutes_document",
    "objection_for_handling",
    "outcome_of",
    "post_draft",
    "post_generated",
    "post_minutes_file",
    "question_message",
    "read_removal",
    "read_round",
    "reconcile_votes",
    "record_reaction",
    "record_reply",
    "record_reply_change",
    "refresh_request",
    "round_for",
    "round_view",
    "run_await_expiry",
    "run_deadline",
    "run_offer",
    "run_remind",
    "run_send",
    "send_later",
    "settle_if_ready",
    "status_for",
    "voters_of",
    "wanted_day",
]
