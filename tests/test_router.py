"""The message grammar: command words, aliases, patterns and the fallback."""

from __future__ import annotations

import pytest

from bot.router import Reply, Request, Router


def _handler(name: str):  # type: ignore[no-untyped-def]
    def handle(services: object, request: Request, args: str) -> Reply | None:
        return None

    handle.__name__ = name
    return handle


@pytest.fixture
def router() -> Router:
    router = Router()
    router.command("propose", ["punkt", "propose"], _handler("propose"))
    router.command("tasks", ["opgaver", "tasks", "mine opgaver"], _handler("tasks"))
    router.pattern(r"kan ikke komme\b", _handler("afbud"), priority=10)
    router.fallback(_handler("ask"))
    router.help(_handler("help"))
    return router


@pytest.mark.parametrize(
    ("text", "slash", "expected", "args"),
    [
        ("punkt: Budget 2027", False, "propose", "Budget 2027"),
        ("Punkt:Budget 2027", False, "propose", "Budget 2027"),
        ("propose Budget", True, "propose", "Budget"),
        ("mine opgaver", False, "tasks", ""),
        ("kan ikke komme 15/3 pga. sygdom", False, "afbud", "kan ikke komme 15/3 pga. sygdom"),
        (
            "hvad besluttede vi om Kofoedsminde?",
            False,
            "ask",
            "hvad besluttede vi om Kofoedsminde?",
        ),
        ("blabla", True, "help", "blabla"),
        ("", False, "help", ""),
    ],
)
def test_routes(router: Router, text: str, slash: bool, expected: str, args: str) -> None:
    routed = router.route(text, slash=slash)
    assert routed is not None
    handler, rest = routed
    assert handler.__name__ == expected
    assert rest == args


def test_duplicate_words_are_refused(router: Router) -> None:
    with pytest.raises(ValueError):
        router.command("other", ["punkt"], _handler("other"))
