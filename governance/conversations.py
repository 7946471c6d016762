"""Conversations, one component for whatever an area's people discuss: a return, a section or a
question of it, a plan or a part of it, and (next) a submission to NHS England.

An app hangs conversations on its records by registering a `Host` (from its
`AppConfig.ready()`): what a record is called, where its conversations are, and the parts a
conversation may be about. The model, the services and selectors here, and the pages in
`conversation_views.py`, are the same for every host.

Who: the area's commissioning officers and the sign-off members who sign for its Board
comment, resolve and reopen (`rules.Action.COMMENT`); every member reads. Each comment
e-mails the area's officers and sign-off members and whoever took part, except its author,
once it commits; open conversations are listed on the home page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, F, Max, QuerySet
from django.utils import timezone

from . import rules
from .mail import area_people, send_each
from .models import Comment, Conversation, Role
from .outbox import task_send
from .prepared import PreparedIn, PreparedModels
from .refused import Refused
from .selectors import areas_of
from .text import required_text
from .workflow import notifying

TITLE_LIMIT = 200
TEXT_LIMIT = 2000  # a comment, not a report: the return's own narrative holds more


COMMENTERS = (rules.Action.COMMENT,)


@dataclass(frozen=True)
class Host:
    """How an app hangs conversations on its records (`model`)."""

    model: type
    name: Callable[[Any], str]  # the record, in words: "Norfolk's Q3 2015/16 return"
    url: Callable[[Any], str]  # its conversations page
    thread_url: Callable[[Any, Conversation], str]  # one conversation's page
    # The parts a conversation may be about: [(group, [(about, label), …]), …]. The whole
    # record (about "") is always offered first.
    parts: Callable[[Any], list[tuple[str, list[tuple[str, str]]]]]
    part_url: Callable[[Any, str], str | None]  # where a part is shown, if anywhere
    crumb: Callable[[Any], tuple[str, str]]  # the record's own page: (label, url)
    # Its records with what `name` reads (for the home page's list, in one query per host).
    queryset: Callable[[], QuerySet] | None = None
    # Who may start one, comment, and resolve or reopen one (any of the actions, in the
    # record's area): by default the area's commenters. A query on a submission is started
    # and closed by NHS England, and answered by the area.
    may_start: tuple[rules.Action, ...] = COMMENTERS
    may_comment: tuple[rules.Action, ...] = COMMENTERS
    may_resolve: tuple[rules.Action, ...] = COMMENTERS
    noun: str = "conversation"  # "query"
    plural: str = "conversations"
    # Who may start one, in words, for those who may not.
    starters: str = "Its commissioning officers and the sign-off members who sign for its Board"

    def allows(self, user, what: str, area) -> bool:
        return any(rules.allows(user, action, area) for action in getattr(self, f"may_{what}"))

    def require(self, user, what: str, area) -> None:
        """A 404 outside the area, a 403 inside it for one who may not."""
        if not self.allows(user, what, area):
            rules.require(user, getattr(self, f"may_{what}")[0], area)


_hosts: dict[type, Host] = {}


def add_host(host: Host) -> None:
    _hosts[host.model] = host


def host_of(subject) -> Host:
    return _hosts[type(subject)]


def _host(conversation: Conversation) -> Host:
    return _hosts[conversation.subject_type.model_class()]


class ConversationRefused(Refused):
    """Nothing was done; `field` names the box to fix."""

    def __init__(self, message: str, field: str = "text"):
        super().__init__(message)
        self.field = field


def _text(value: str, what: str, limit: int, field: str) -> str:
    return required_text(value, limit=limit, empty=f"Write {what}.",
                         too_long=f"Keep {what} to {{limit:,}} characters (it has {{length:,}}).",
                         refuse=lambda message: ConversationRefused(message, field))  # fmt: skip


def about_label(subject, about: str) -> str:
    """The part `about` of `subject`, in words; refused when the host offers no such part."""
    if not about:
        return f"The whole {host_of(subject).name(subject)}"
    for _, parts in host_of(subject).parts(subject):
        for value, label in parts:
            if value == about:
                return label
    raise ConversationRefused("Choose what the conversation is about from the list.", "about")


@transaction.atomic
def conversation_start(*, subject, hwb_area, about: str, title: str, text: str, user
                       ) -> Conversation:  # fmt: skip
    """A new conversation about `subject` (or a part of it), with its first comment."""
    host_of(subject).require(user, "start", hwb_area)
    label = about_label(subject, about)
    title = _text(title, "a title", TITLE_LIMIT, "title")
    text = _text(text, "a comment", TEXT_LIMIT, "text")
    now = timezone.now()
    conversation = Conversation.objects.create(
        hwb_area=hwb_area, subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk, about=about, about_label=label, title=title, started_by=user,
        started_at=now,
    )  # fmt: skip
    _comment(conversation, text, user, now)
    return conversation


@transaction.atomic
def comment_add(*, conversation: Conversation, text: str, user) -> Comment:
    _host(conversation).require(user, "comment", conversation.hwb_area)
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if not conversation.is_open:
        raise ConversationRefused("This conversation is resolved: reopen it to comment.")
    text = _text(text, "a comment", TEXT_LIMIT, "text")
    return _comment(conversation, text, user, timezone.now())


def _comment(conversation, text, user, at) -> Comment:
    comment = Comment.objects.create(conversation=conversation, user=user, at=at, text=text)
    if notifying():  # not while the demo's history is loaded
        task_send("governance.notify_comment", comment.pk)  # once it commits
    return comment


@transaction.atomic
def conversation_resolve(*, conversation: Conversation, user) -> Conversation:
    _host(conversation).require(user, "resolve", conversation.hwb_area)
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.is_open:
        conversation.resolved_at, conversation.resolved_by = timezone.now(), user
        conversation.save(update_fields=["resolved_at", "resolved_by"])
    return conversation


@transaction.atomic
def conversation_reopen(*, conversation: Conversation, user) -> Conversation:
    _host(conversation).require(user, "resolve", conversation.hwb_area)
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    conversation.resolved_at, conversation.resolved_by = None, None
    conversation.save(update_fields=["resolved_at", "resolved_by"])
    return conversation


# Reading ------------------------------------------------------------------------------------


# Every overview of a return shows its conversations on its timeline: compiled once
# (governance/prepared.py).
_ON = PreparedModels(
    lambda kind, subject: (
        Conversation.objects.filter(subject_type_id=kind, subject_id=subject)
        .select_related("started_by", "resolved_by")
        .annotate(comment_count=Count("comments"), last_at=Max("comments__at"))
        .order_by(F("resolved_at").desc(nulls_first=True), "-started_at", "-pk")
    ),
    kind=int,
    subject=int,
)


def conversations_on(subject) -> list[Conversation]:
    """The conversations about `subject`, open ones first, newest first, with their counts."""
    return _ON(kind=ContentType.objects.get_for_model(subject).pk, subject=subject.pk)


@dataclass(frozen=True)
class Listed:
    """An open conversation as the home page lists it."""

    conversation: Conversation
    subject_name: str
    url: str


LISTED = 10  # open conversations on the home page, latest comment first


# Compiled once for each number of areas (an officer's: one).
_OPEN = PreparedIn(
    lambda areas: (
        Conversation.objects.filter(hwb_area__in=areas, resolved_at__isnull=True)
        .select_related("started_by", "subject_type")
        .annotate(comment_count=Count("comments"), last_at=Max("comments__at"))
        .order_by("-last_at", "-pk")[:LISTED]
    ),
    models=True,
)


# Each host's records by id, with what its `name` reads: compiled once for each number of
# ids (a home page lists at most LISTED), as Django's GenericPrefetch compiled them at every
# home page.
_SUBJECTS: dict[type, PreparedIn] = {}
_SUBJECT = Conversation._meta.get_field("subject")


def _read_subjects(conversations: list[Conversation]) -> None:
    """Hand each conversation its subject, as `GenericPrefetch("subject", …)` would: a query
    for each kind of subject, through its host's queryset; None for one no longer there."""
    models = [conversation.subject_type.model_class() for conversation in conversations]
    wanted: dict[type, set[int]] = {}  # a host without a queryset: read when asked for
    for model, conversation in zip(models, conversations, strict=True):
        if _hosts[model].queryset is not None:
            wanted.setdefault(model, set()).add(conversation.subject_id)
    found: dict[tuple[type, int], object] = {}
    for model, ids in wanted.items():
        query = _SUBJECTS.get(model)
        if query is None:
            host = _hosts[model]
            query = _SUBJECTS[model] = PreparedIn(
                lambda ids, host=host: host.queryset().filter(pk__in=ids), models=True
            )
        for subject in query((sorted(ids),)):
            found[model, subject.pk] = subject
    for model, conversation in zip(models, conversations, strict=True):
        if model in wanted:
            _SUBJECT.set_cached_value(conversation, found.get((model, conversation.subject_id)))


def open_conversations(*, user) -> list[Listed]:
    """The open conversations in the areas where `user` comments, latest comment first: the
    latest LISTED."""
    if not rules.allows(user, rules.Action.COMMENT):  # anywhere: no area is read for nothing
        return []
    areas = rules.areas_allowing(user, rules.Action.COMMENT, areas_of(user=user))
    if not areas:
        return []
    conversations = _OPEN(([area.pk for area in areas],))
    _read_subjects(conversations)
    listed = []
    for conversation in conversations:
        subject = conversation.subject
        host = host_of(subject)
        listed.append(
            Listed(conversation, host.name(subject), host.thread_url(subject, conversation))
        )
    return listed


# E-mail -------------------------------------------------------------------------------------

COMMENTING = (Role.COMMISSIONING_OFFICER, Role.SIGN_OFF_MEMBER)


def comment_recipients(comment: Comment) -> list[str]:
    """The area's officers and Board sign-off members, and whoever took part, with an
    address: not the comment's author."""
    conversation = comment.conversation
    people = {u.pk: u for u in area_people(conversation.hwb_area, COMMENTING, partners=False)}
    took_part = conversation.comments.exclude(user=None).values_list("user", flat=True)
    for user in get_user_model().objects.filter(pk__in=took_part, is_active=True).exclude(email=""):
        people[user.pk] = user
    people.pop(comment.user_id, None)
    return sorted({user.email for user in people.values()})


def comment_notify(*, comment_id: int) -> int:
    """E-mail one comment; how many went."""
    comment = Comment.objects.select_related("conversation__hwb_area", "user").get(pk=comment_id)
    conversation = comment.conversation
    subject = conversation.subject
    host = host_of(subject)
    who = comment.user.get_username() if comment.user else "A former user"
    first = comment.conversation.comments.order_by("at", "pk").first() == comment
    verb = "started a conversation" if first else "commented"
    body = (
        f"{who} {verb} about {conversation.about_label} ({host.name(subject)}): "
        f"“{conversation.title}”\n\n{comment.text}\n\nReply or resolve it in the portal:\n\n"
        f"{settings.PORTAL_URL}{host.thread_url(subject, conversation)}"
    )
    to = comment_recipients(comment)
    return send_each(f"Comment: {conversation.title}", body, to) if to else 0
