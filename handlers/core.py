"""Core commands: help, set-up, roles, language, members; and the Home tab's header."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import App

from bot.context import resolve
from bot.domain.enums import Role
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.groups import check_setup, read_channel_people, set_role, setup_channel
from bot.i18n import t
from bot.ports import Message
from bot.render import context_block, escape, header_block, section_block
from bot.router import Reply, Request, Router
from bot.services import Services
from storage.repositories import MemberRepo

USER_REF = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")

#: The order of commands in the help text (canonical names).
HELP_ORDER = (
    "help",
    "setup",
    "role",
    "members",
    "language",
    "meeting",
    "propose",
    "agenda",
    "absent",
    "minutes",
    "ask",
    "import",
    "task",
    "tasks",
    "my_tasks",
    "status",
    "digest",
    "settings",
)


def help_message(router: Router, lang: str) -> Message:
    """Build the help text from the commands that are registered."""
    names = set(router.names())
    lines = [t(f"help.cmd.{name}", lang) for name in HELP_ORDER if name in names]
    lines += [
        t(f"help.cmd.{name}", lang)
        for name in sorted(names - set(HELP_ORDER))
        if f"help.cmd.{name}" in _known_keys()
    ]
    body = "\n".join(f"• {line}" for line in lines)
    blocks = [
        header_block(t("help.title", lang)),
        section_block(t("help.intro", lang)),
        section_block(body),
        context_block(t("help.footer", lang)),
    ]
    text = "\n".join([t("help.title", lang), t("help.intro", lang), body, t("help.footer", lang)])
    return Message(text=text, blocks=blocks)


def _known_keys() -> set[str]:
    from bot.i18n import catalogue

    return set(catalogue())


def register(app: App, services: Services, router: Router) -> None:
    """Register the core commands on the router."""

    def lang_of(request: Request) -> str:
        with services.uow() as session:
            return resolve(session, services.settings, request).lang

    def on_help(services: Services, request: Request, args: str) -> Reply:
        return Reply(help_message(router, lang_of(request)), ephemeral=request.source == "slash")

    def on_setup(services: Services, request: Request, args: str) -> Reply:
        if request.in_dm:
            raise UserError("setup.in_dm")
        now = services.now()
        with services.uow() as session:
            check_setup(session, request.channel_id)
        # Slack is read with no transaction open; the write below is one short transaction.
        people = read_channel_people(
            services.directory, request.channel_id, also=(request.user_id,)
        )
        with services.uow() as session:
            request.claim(session, now)
            channel_name = None
            group, result = setup_channel(
                session,
                services.settings,
                people,
                channel_id=request.channel_id,
                user_id=request.user_id,
                name=args.strip() or None,
                channel_name=channel_name,
                now=now,
                team_id=request.team_id,
            )
            text = t("setup.done", group.language, name=group.name, members=result.total)
        return Reply(Message(text), in_channel=True)

    def on_role(services: Services, request: Request, args: str) -> Reply:
        match = USER_REF.search(args)
        words = USER_REF.sub(" ", args).split()
        if match is None or not words:
            raise UserError("role.usage")
        now = services.now()
        # Looked up before the transaction; set_role finds the profile in the gateway's cache.
        services.directory.user(match.group(1))
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            group = ctx.require_group()
            request.claim(session, now)
            member = set_role(
                session,
                services.directory,
                group=group,
                actor=ctx.member,
                target_user_id=match.group(1),
                role_word=words[0],
                now=now,
            )
            text = t(
                "role.done",
                ctx.lang,
                name=escape(member.name),
                role=t(f"role.{Role(member.role).value}", ctx.lang),
                group=group.name,
            )
        return Reply(Message(text), in_channel=request.source == "slash")

    def on_language(services: Services, request: Request, args: str) -> Reply:
        choice = args.strip().casefold()[:2]
        if choice not in ("da", "en"):
            raise UserError("language.usage")
        with services.uow() as session:
            request.claim(session, services.now())
            groups = MemberRepo(session).groups_of(request.user_id)
            if not groups:
                raise UserError("error.no_group")
            for group in groups:
                member = MemberRepo(session).by_slack_user(group.id, request.user_id)
                if member is not None:
                    member.language = choice
        return Reply(Message(t("language.done", choice)), ephemeral=True)

    def on_members(services: Services, request: Request, args: str) -> Reply:
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            group = ctx.require_group()
            ctx.require(Action.ASK)  # the member list is the group's own business
            members = MemberRepo(session).in_group(group.id)
            lines = [t("members.title", ctx.lang, group=group.name, count=len(members))]
            lines += [
                t(
                    "members.line",
                    ctx.lang,
                    name=escape(m.name),
                    role=t(f"role.{Role(m.role).value}", ctx.lang),
                )
                for m in members
            ]
        return Reply(Message("\n".join(lines)), ephemeral=True)

    router.help(on_help)
    router.command("help", ["hjælp", "hjaelp", "help", "?"], on_help)
    router.command("setup", ["opsæt", "opsaet", "setup"], on_setup)
    router.command("role", ["rolle", "role"], on_role)
    router.command("language", ["sprog", "language"], on_language)
    router.command("members", ["medlemmer", "members"], on_members)

    def home_header(services: Services, user_id: str) -> list[dict[str, Any]]:
        with services.uow() as session:
            groups = MemberRepo(session).groups_of(user_id)
            request = Request(channel_id="", user_id=user_id, text="", source="console")
            lang = resolve(session, services.settings, request).lang
            lines = []
            for group in groups:
                member = MemberRepo(session).by_slack_user(group.id, user_id)
                role = t(f"role.{Role(member.role).value}", lang) if member else ""
                lines.append(f"• *{escape(group.name)}* – {role}")
        blocks: list[dict[str, Any]] = [header_block("referent")]
        blocks.append(section_block("\n".join(lines) if lines else t("error.no_group", lang)))
        return blocks

    router.home_section(home_header, order=0)
    _ = app
