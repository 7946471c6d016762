"""A return's conversations: the component of `governance.conversations`, hung on returns. A
conversation is about the whole return, one of its sections or one of its questions."""

from django.urls import reverse

from governance import conversation_views
from governance.conversations import Host, add_host, conversations_on

from .definitions import template
from .models import QuarterlyReturn
from .views import return_for_request


def _args(quarterly_return: QuarterlyReturn) -> list[str]:
    return [quarterly_return.hwb_area.ons_code, quarterly_return.period.code]


def _parts(quarterly_return: QuarterlyReturn) -> list[tuple[str, list[tuple[str, str]]]]:
    definition = template(quarterly_return.template_version)
    return [
        ("Sections", [(f"section:{s.slug}", s.title) for s in definition.sections]),
        *((f"Questions of {s.title}", [(f"question:{q.id}", q.name) for q in s.inputs])
          for s in definition.sections if s.inputs),
    ]  # fmt: skip


def _part_url(quarterly_return: QuarterlyReturn, about: str) -> str:
    args = _args(quarterly_return)
    kind, _, key = about.partition(":")
    if kind == "section":
        return reverse("return-section", args=[*args, key])
    if kind == "question":
        definition = template(quarterly_return.template_version)
        if definition.has(key):
            return reverse("return-section", args=[*args, definition.section_of(key).slug]) + (
                f"#{key}"
            )
    return reverse("return", args=args)


HOST = Host(
    model=QuarterlyReturn,
    name=lambda r: f"{r.hwb_area.name}’s {r.period.label} return",
    url=lambda r: reverse("return-conversations", args=_args(r)),
    thread_url=lambda r, c: reverse("return-conversation", args=[*_args(r), c.pk]),
    parts=_parts,
    part_url=_part_url,
    crumb=lambda r: (f"{r.period.label} return", reverse("return", args=_args(r))),
    queryset=lambda: QuarterlyReturn.objects.select_related("hwb_area", "period__financial_year"),
)


def register() -> None:
    add_host(HOST)


# Its pages, at …/conversations/ and …/conversations/<pk>/ (returns/urls.py).
return_conversations, return_conversation = conversation_views.pages_for(return_for_request)


class ConversationEvent:
    """A conversation on the return's timeline: started, or resolved. `noun` and `url` for a
    conversation hung on something else of the return's (a query on its submission)."""

    def __init__(self, conversation, resolved: bool, url: str = "", noun: str = "Conversation"):
        self.conversation, self.resolved, self.url, self.noun = conversation, resolved, url, noun
        self.at = conversation.resolved_at if resolved else conversation.started_at
        self.pk = conversation.pk
        self.user = conversation.resolved_by if resolved else conversation.started_by

    def get_kind_display(self) -> str:
        return f"{self.noun} {'resolved' if self.resolved else 'started'}"


def conversation_events(conversations, url=lambda c: "", noun="Conversation") -> list:
    """Each conversation's start, and its end if it has one, as timeline events."""
    events = []
    for conversation in conversations:
        events.append(ConversationEvent(conversation, False, url(conversation), noun))
        if not conversation.is_open:
            events.append(ConversationEvent(conversation, True, url(conversation), noun))
    return events


def timeline_events(quarterly_return: QuarterlyReturn) -> list[ConversationEvent]:
    return conversation_events(
        conversations_on(quarterly_return), lambda c: HOST.thread_url(quarterly_return, c)
    )
