"""Core commands: help, set-up, roles, language, members; and the Home tab's header."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import App

from bot.context import resolve
from bot.domain.enums import Role
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.groups import check_setup, listed_members, set_role, setup_channel
from bot.i18n import t
from bot.ports import Message
from bot.profiles import display_name
from bot.render import context_block, escape, header_block, section_block
from bot.router import Reply, Request, Router
from bot.scheduler import JobRegistry
from bot.services import Services
from bot.usecases import core as core_uc

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


class CoreListeners:
    """Router handlers of the core commands: help, setup, roles, language, members."""

    def __init__(self, app: App, services: Services, router: Router) -> None:
        self.app = app
        self.services = services
        self.router = router

    def register(self) -> None:
        """Register the core commands on the router."""
        self.router.help(self.on_help)
        self.router.command("help", ["hjælp", "hjaelp", "help", "?"], self.on_help)
        self.router.command("setup", ["opsæt", "opsaet", "setup"], self.on_setup)
        self.router.command("role", ["rolle", "role"], self.on_role)
        self.router.command("language", ["sprog", "language"], self.on_language)
        self.router.command("members", ["medlemmer", "members"], self.on_members)
        self.router.home_section(self.home_header, order=0)

    def lang_of(self, request: Request) -> str:
        """Return the language to answer a request in."""
        services = self.services
        with services.uow() as session:
            return resolve(session, services.settings, request).lang

    def on_help(self, services: Services, request: Request, args: str) -> Reply:
        """Show what the bot understands, in the asker's language."""
        return Reply(
            help_message(self.router, self.lang_of(request)), ephemeral=request.source == "slash"
        )

    def on_setup(self, services: Services, request: Request, args: str) -> Reply:
        """Connect the channel to a group (`opsæt <navn>`)."""
        if request.in_dm:
            raise UserError("setup.in_dm")
        now = services.now()
        with services.uow() as session:
            check_setup(session, request.channel_id)
        # Only the channel's member ids are read now (no transaction open); the profiles
        # follow in the background at users.info's tier rate (bot.profiles).
        listed = listed_members(services.directory, request.channel_id)
        with services.uow() as session:
            request.claim(session, now)
            channel_name = None
            group, result = setup_channel(
                session,
                services.settings,
                listed,
                channel_id=request.channel_id,
                user_id=request.user_id,
                name=args.strip() or None,
                channel_name=channel_name,
                now=now,
                team_id=request.team_id,
                services=services,
            )
            text = t("setup.queued", group.language, name=group.name, members=result.total)
        return Reply(Message(text), in_channel=True)

    def on_role(self, services: Services, request: Request, args: str) -> Reply:
        """Give a member a role (`rolle @person sekretær`)."""
        match = USER_REF.search(args)
        words = USER_REF.sub(" ", args).split()
        if match is None or not words:
            raise UserError("role.usage")
        now = services.now()
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            group = ctx.require_group()
            request.claim(session, now)
            member = set_role(
                session,
                services,
                group=group,
                actor=ctx.member,
                target_user_id=match.group(1),
                role_word=words[0],
                now=now,
            )
            text = t(
                "role.done",
                ctx.lang,
                name=display_name(member),
                role=t(f"role.{Role(member.role).value}", ctx.lang),
                group=group.name,
            )
        return Reply(Message(text), in_channel=request.source == "slash")

    def on_language(self, services: Services, request: Request, args: str) -> Reply:
        """Choose the language the bot answers in (`sprog en`)."""
        choice = args.strip().casefold()[:2]
        if choice not in ("da", "en"):
            raise UserError("language.usage")
        with services.uow() as session:
            request.claim(session, services.now())
            core_uc.set_language(session, request.user_id, choice)
        return Reply(Message(t("language.done", choice)), ephemeral=True)

    def on_members(self, services: Services, request: Request, args: str) -> Reply:
        """List the group's members and their roles."""
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            group = ctx.require_group()
            ctx.require(Action.ASK)  # the member list is the group's own business
            members = core_uc.members_of(session, group.id)
            lines = [t("members.title", ctx.lang, group=group.name, count=len(members))]
            lines += [
                t(
                    "members.line",
                    ctx.lang,
                    name=display_name(m),  # a mention until the profile is read
                    role=t(f"role.{Role(m.role).value}", ctx.lang),
                )
                for m in members
            ]
        return Reply(Message("\n".join(lines)), ephemeral=True)

    def home_header(self, services: Services, user_id: str) -> list[dict[str, Any]]:
        """The head of App Home: the person's groups and roles."""
        with services.uow() as session:
            request = Request(channel_id="", user_id=user_id, text="", source="console")
            lang = resolve(session, services.settings, request).lang
            lines = []
            for group, member in core_uc.roles_of(session, user_id):
                role = t(f"role.{Role(member.role).value}", lang) if member else ""
                lines.append(f"• *{escape(group.name)}* – {role}")
        blocks: list[dict[str, Any]] = [header_block("referent")]
        blocks.append(section_block("\n".join(lines) if lines else t("error.no_group", lang)))
        return blocks


def register(app: App, services: Services, router: Router) -> None:
    """Register the core commands on the router."""
    CoreListeners(app, services, router).register()


def register_jobs(jobs: JobRegistry) -> None:
    """The members' profiles fetched in the background after set-up (``bot.profiles``)."""
    from bot.profiles import register_jobs as register_profiles

    register_profiles(jobs)
