"""A return's history: every change to its answers (filterable), and a diff of two versions."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format

from governance.conversations import conversations_on, host_of
from governance.reading import reads_only
from governance.submissions import submissions_of
from governance.worddiff import word_diff

from .definitions import template
from .models import AnswerSource, EventKind
from .selectors import answer_differences, decoded_answers, difference_count, return_answers
from .views import return_for_request, return_page

PER_PAGE = 50  # a page of changes stays a few screens long
CURRENT = "current"


@reads_only
def return_history(request: HttpRequest, ons_code: str, period: str) -> HttpResponse:
    quarterly_return = return_for_request(request, ons_code, period)
    definition = template(quarterly_return.template_version)
    changes = quarterly_return.changes.select_related("user").order_by("-revision", "question_id")
    section_slug, question_id = request.GET.get("section", ""), request.GET.get("question", "")
    section = next((s for s in definition.sections if s.slug == section_slug), None)
    if section is not None:
        changes = changes.filter(question_id__in=[q.id for q in section.questions])
    if question_id:
        changes = changes.filter(question_id=question_id)
    page = Paginator(changes, PER_PAGE).get_page(request.GET.get("page"))
    sources = dict(AnswerSource.choices)
    rows = []
    for change in page:
        known = definition.has(change.question_id)
        question = definition.question(change.question_id) if known else None
        rows.append({
            "change": change,
            "question": question,
            "section": definition.section_of(change.question_id) if question else None,
            "marked": word_diff(
                _shown(question, change.old_value), _shown(question, change.new_value)
            ),
            "removed": change.new_value == "",
            "how": sources.get(change.source, change.source),
        })  # fmt: skip
    return render(
        request,
        "returns/history.html",
        return_page(
            quarterly_return,
            definition=definition,
            conversations=_conversations(quarterly_return, section, question_id),
            rows=rows,
            page=page,
            section_filter=section.slug if section else "",
            question_filter=question_id,
        ),
    )


def _conversations(quarterly_return, section, question_id: str) -> list:
    """The conversations about the return and NHS England's queries on its submissions, or
    those about the part the history is filtered to; each with its page's `url`."""
    conversations = []
    for subject in (quarterly_return, *submissions_of(quarterly_return)):
        host = host_of(subject)
        for conversation in conversations_on(subject):
            conversation.url = host.thread_url(subject, conversation)
            conversation.noun = host.noun
            conversations.append(conversation)
    if question_id:
        return [c for c in conversations if c.about == f"question:{question_id}"]
    if section is not None:
        parts = {f"section:{section.slug}", *(f"question:{q.id}" for q in section.questions)}
        return [c for c in conversations if c.about in parts]
    return conversations


def _shown(question, text: str) -> str:
    """A recorded value as the page shows it (as stored, for an id no longer defined)."""
    return text if question is None else question.type.shown(text)


@reads_only
def return_diff(request: HttpRequest, ons_code: str, period: str) -> HttpResponse:
    """Two sets of answers side by side: the signed-off versions, what each mark-ready sent
    for sign-off, and the current answers."""
    quarterly_return = return_for_request(request, ons_code, period)
    definition = template(quarterly_return.template_version)
    kept = {str(v.number): v.answers for v in quarterly_return.versions.all()}
    choices = [(number, f"Version {number}, signed off") for number in kept]
    default_from = list(kept)[-1] if kept else CURRENT
    sent = quarterly_return.events.filter(kind=EventKind.READY, answers__isnull=False)
    for event in sent.order_by("at", "pk"):
        kept[f"ready-{event.pk}"] = event.answers
        when = date_format(timezone.localtime(event.at), "j F Y, H:i")
        choices.append(
            (f"ready-{event.pk}", f"Sent for sign-off on {when} (version {event.version})")
        )
    status = quarterly_return.get_status_display().lower()
    choices.append((CURRENT, f"Now (version {quarterly_return.version}, {status})"))
    first = request.GET.get("from", default_from)
    second = request.GET.get("to", CURRENT)
    first, second = (x if x in kept else CURRENT for x in (first, second))

    def values(key):
        if key == CURRENT:
            return return_answers(quarterly_return=quarterly_return)
        return decoded_answers(answers=kept[key].items(), definition=definition)

    differences = answer_differences(
        definition=definition, before=values(first), after=values(second)
    )
    return render(
        request,
        "returns/diff.html",
        return_page(
            quarterly_return,
            choices=choices,
            first=first,
            second=second,
            first_label=dict(choices)[first],
            second_label=dict(choices)[second],
            differences=differences,
            count=difference_count(differences),
        ),
    )
