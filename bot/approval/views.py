"""Block Kit builders of the approval package that need no database (pure)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import t
from bot.ports import Message
from bot.render import escape, section_block

if TYPE_CHECKING:
    pass


#: Buttons of "Er det en indsigelse til referatet?".
QUESTION_YES = "approval_reply_yes"


QUESTION_NO = "approval_reply_no"


def question_message(reply_id: int, text: str, lang: str) -> Message:
    """Build the private "Er det en indsigelse til referatet? [Ja] [Nej]" question."""
    quoted = escape(" ".join(text.split())[:300])
    body = t("approval.question.ask", lang, text=quoted)
    return Message(
        body,
        blocks=[
            section_block(body),
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": QUESTION_YES,
                        "text": {"type": "plain_text", "text": t("approval.question.yes", lang)},
                        "value": str(reply_id),
                        "style": "danger",
                    },
                    {
                        "type": "button",
                        "action_id": QUESTION_NO,
                        "text": {"type": "plain_text", "text": t("approval.question.no", lang)},
                        "value": str(reply_id),
                    },
                ],
            },
        ],
    )
