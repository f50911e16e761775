"""Read what members write in their own words: the intent and its slots (pure, no I/O)."""

from bot.understanding.reader import Intent, MeetingRef, Reading, Where, read

__all__ = ["Intent", "MeetingRef", "Reading", "Where", "read"]
