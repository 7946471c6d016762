"""The pages of conversations, the same for every host: a record's conversations with a form
to start one, and one conversation with its comments, a reply and resolve or reopen. A host
routes its URLs to `pages_for(lookup)`, whose `lookup` finds the record (its access rules
applied)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from .conversations import (
    TEXT_LIMIT,
    TITLE_LIMIT,
    ConversationRefused,
    comment_add,
    conversation_reopen,
    conversation_resolve,
    conversation_start,
    conversations_on,
    host_of,
)
from .models import Conversation


def pages_for(lookup: Callable[..., Any]) -> tuple[Callable, Callable]:
    """A host's two pages: its record's conversations, and one of them. `lookup(request,
    **the URL's other arguments)` finds the record, or raises a 404."""

    def conversations(request: HttpRequest, **kwargs) -> HttpResponse:
        return conversations_page(request, subject=lookup(request, **kwargs))

    def conversation(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
        return thread_page(request, subject=lookup(request, **kwargs), pk=pk)

    return conversations, conversation


def _frame(subject, host) -> dict:
    """The page's area and breadcrumbs: the area, then the record's own page."""
    area = subject.hwb_area
    crumbs = [(area.name, reverse("hwb-area", args=[area.ons_code])), host.crumb(subject)]
    return {"area": area, "breadcrumbs": crumbs}


def conversations_page(request: HttpRequest, *, subject) -> HttpResponse:
    host, area = host_of(subject), subject.hwb_area
    may_start = host.allows(request.user, "start", area)
    error = None
    if request.method == "POST":
        try:
            conversation = conversation_start(
                subject=subject, hwb_area=area, about=request.POST.get("about", ""),
                title=request.POST.get("title", ""), text=request.POST.get("text", ""),
                user=request.user,
            )  # fmt: skip
        except ConversationRefused as refused:
            error = refused
        else:
            messages.success(request, f"{host.noun.capitalize()} started. Its officers and "
                             "sign-off members are e-mailed.")  # fmt: skip
            return redirect(host.thread_url(subject, conversation))
    context = {
        **_frame(subject, host),
        "subject_name": host.name(subject),
        "parts": host.parts(subject),
        "about": request.POST.get("about", "") if error else request.GET.get("about", ""),
        "may_start": may_start,
        "host": host,
        "error": error,
        "posted": request.POST if error else {},
        "limits": {"title": TITLE_LIMIT, "text": TEXT_LIMIT},
        "threads": [(c, host.thread_url(subject, c)) for c in conversations_on(subject)],
    }
    return render(request, "conversations/list.html", context, status=400 if error else 200)


def thread_page(request: HttpRequest, *, subject, pk: int) -> HttpResponse:
    host, area = host_of(subject), subject.hwb_area
    conversation = get_object_or_404(
        Conversation.objects.select_related("started_by", "resolved_by"), pk=pk,
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk,
    )  # fmt: skip
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "resolve":
                conversation_resolve(conversation=conversation, user=request.user)
                messages.success(request, "Resolved. Anyone who comments here can reopen it.")
            elif action == "reopen":
                conversation_reopen(conversation=conversation, user=request.user)
                messages.success(request, "Reopened.")
            else:
                comment_add(conversation=conversation, text=request.POST.get("text", ""),
                            user=request.user)  # fmt: skip
                messages.success(request, "Comment added. The others are e-mailed.")
        except ConversationRefused as refused:
            error = refused
            conversation.refresh_from_db()
        else:
            return redirect(host.thread_url(subject, conversation))
    context = {
        **_frame(subject, host),
        "subject_name": host.name(subject),
        "list_url": host.url(subject),
        "conversation": conversation,
        "comments": conversation.comments.select_related("user"),
        "part_url": host.part_url(subject, conversation.about),
        "may_comment": host.allows(request.user, "comment", area),
        "may_resolve": host.allows(request.user, "resolve", area),
        "host": host,
        "error": error,
        "posted": request.POST if error else {},
        "limit": TEXT_LIMIT,
    }
    return render(request, "conversations/thread.html", context, status=400 if error else 200)
