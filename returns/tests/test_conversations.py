"""Conversations between an area's officers and the sign-off members who sign for its Board,
about a return, one of its sections or questions, or a plan or one of its parts: on their
pages, the return's timeline and the home page, e-mailed to the others, resolved and reopened."""

from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from governance.models import Comment, Conversation

NORFOLK, PERIOD = "E10000020", "fy1516_q3"
LIST = reverse("return-conversations", args=[NORFOLK, PERIOD])
ABOUT_NC3 = "question:nc3_date"


def started(signed_in, posting, **data) -> Conversation:
    data = {"about": ABOUT_NC3, "title": "The NC3 date", "text": "Is 31 March right?", **data}
    response = posting(signed_in("officer.norfolk"), LIST, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Conversation.objects.latest("pk")


def thread(conversation) -> str:
    return reverse("return-conversation", args=[NORFOLK, PERIOD, conversation.pk])


def test_an_officer_starts_one_about_a_question_and_the_others_are_e_mailed(
    signed_in, norfolk, posting
):
    conversation = started(signed_in, posting)
    assert conversation.about_label == "National condition 3: date if not Yes"
    assert conversation.subject == norfolk
    page = signed_in("signoff.norfolk").get(thread(conversation))
    assertContains(page, "Is 31 March right?")
    assertContains(page, 'href="/areas/E10000020/returns/fy1516_q3/sections/national-conditions/'
                   '#nc3_date"', html=False)  # fmt: skip
    sent = {address for message in mail.outbox for address in message.to}
    assert "signoff.norfolk@example.org" in sent
    assert "officer.norfolk@example.org" not in sent  # not to its author
    assert "analyst@example.org" not in sent  # analysts read; they are not e-mailed
    assert mail.outbox[0].subject == "Comment: The NC3 date"
    assert (
        "officer.norfolk started a conversation about National condition 3" in mail.outbox[0].body
    )


def test_a_reply_tells_the_officer_and_resolving_closes_it_until_reopened(
    signed_in, norfolk, posting
):
    conversation = started(signed_in, posting)
    mail.outbox.clear()
    signer = signed_in("signoff.norfolk")
    posting(signer, thread(conversation), {"action": "comment", "text": "Yes: the CCGs agreed."})
    assert "officer.norfolk@example.org" in mail.outbox[0].to
    posting(signer, thread(conversation), {"action": "resolve"})
    conversation.refresh_from_db()
    assert not conversation.is_open
    assert conversation.resolved_by.username == "signoff.norfolk"
    refused = posting(signed_in("officer.norfolk"), thread(conversation),
                      {"action": "comment", "text": "One more thing"})  # fmt: skip
    assertContains(refused, "This conversation is resolved: reopen it to comment.", status_code=400)
    posting(signed_in("officer.norfolk"), thread(conversation), {"action": "reopen"})
    conversation.refresh_from_db()
    assert conversation.is_open
    assert Comment.objects.filter(conversation=conversation).count() == 2


def test_nothing_empty_or_unknown_is_started(signed_in, norfolk, posting):
    officer = signed_in("officer.norfolk")
    empty = posting(officer, LIST, {"about": "", "title": "Q3", "text": "  "})
    assertContains(empty, "Write a comment.", status_code=400)
    assertContains(empty, 'value="Q3"', status_code=400, html=False)  # what was typed is kept
    unknown = posting(officer, LIST, {"about": "question:nowhere", "title": "Q3", "text": "Hi"})
    assertContains(unknown, "Choose what the conversation is about from the list.", status_code=400)
    assert not Conversation.objects.exists()


def test_analysts_read_them_and_partner_signers_and_other_areas_cannot_join(
    signed_in, norfolk, posting
):
    conversation = started(signed_in, posting)
    analyst = signed_in("analyst")
    assertContains(analyst.get(thread(conversation)), "Is 31 March right?")
    assertNotContains(analyst.get(thread(conversation)), "Add your reply")
    assert posting(analyst, LIST, {"title": "Q", "text": "Q"}).status_code == 403
    partner = signed_in("signoff.ncc")
    assert posting(partner, thread(conversation), {"text": "Me too"}).status_code == 403
    assert signed_in("officer.other").get(thread(conversation)).status_code == 404


def test_it_is_on_the_timeline_the_overview_and_the_home_page(signed_in, norfolk, posting):
    conversation = started(signed_in, posting)
    officer = signed_in("officer.norfolk")
    overview = officer.get(reverse("return", args=[NORFOLK, PERIOD]))
    assertContains(overview, "Conversation started")
    assertContains(overview, "Conversations (1 open)")
    home = signed_in("signoff.norfolk").get(reverse("home"))
    assertContains(home, "Open conversations")
    assertContains(home, f'href="{thread(conversation)}"', html=False)
    assertContains(home, "Norfolk’s Q3 2015/16 return: National condition 3")
    posting(officer, thread(conversation), {"action": "resolve"})
    assertNotContains(signed_in("signoff.norfolk").get(reverse("home")), "Open conversations")
    overview = officer.get(reverse("return", args=[NORFOLK, PERIOD]))
    assertContains(overview, "Conversation resolved")


def test_a_section_page_starts_one_about_itself(signed_in, norfolk):
    section = signed_in("officer.norfolk").get(
        reverse("return-section", args=[NORFOLK, PERIOD, "income-and-expenditure"])
    )
    link = f"{LIST}?about=section:income-and-expenditure#start"
    assertContains(section, link.replace("&", "&amp;"), html=False)
    form = signed_in("officer.norfolk").get(f"{LIST}?about=section:income-and-expenditure")
    assertContains(form, '<option value="section:income-and-expenditure" selected>', html=False)


def test_a_plan_has_conversations_about_its_parts(signed_in, demo, posting):
    url = reverse("plan-conversations", args=[NORFOLK, 2016])
    data = {"about": "part:funding", "title": "CCG share", "text": "Check it."}
    response = posting(signed_in("officer.norfolk"), url, data)
    conversation = Conversation.objects.get()
    assert response["Location"] == reverse(
        "plan-conversation", args=[NORFOLK, 2016, conversation.pk]
    )
    assert conversation.about_label == "Funding contributions"
    page = signed_in("signoff.norfolk").get(response["Location"])
    assertContains(page, "Check it.")
    assertContains(page, "Norfolk’s 2016/17 plan")


def test_the_history_lists_them_filtered_as_the_changes_are(signed_in, norfolk, posting):
    conversation = started(signed_in, posting)
    history = reverse("return-history", args=[NORFOLK, PERIOD])
    officer = signed_in("officer.norfolk")
    assertContains(officer.get(history), f'href="{thread(conversation)}"', html=False)
    assertContains(officer.get(history, {"section": "national-conditions"}), "The NC3 date")
    assertNotContains(officer.get(history, {"section": "cover"}), "The NC3 date")
    assertNotContains(officer.get(history, {"question": "nc1_date"}), "The NC3 date")


def test_the_home_pages_list_names_each_subject_read_through_queries_compiled_once(
    signed_in, norfolk, posting, monkeypatch
):
    """A plan's and a return's open conversations, on the home page: each named with its
    subject, the subjects read in a query for each kind of subject, compiled once (not at
    every home page)."""
    from django.contrib.auth import get_user_model
    from django.db.models.sql.compiler import SQLCompiler

    from governance.conversations import open_conversations
    from governance.models import Comment

    started(signed_in, posting)
    plan = reverse("plan-conversations", args=[NORFOLK, 2016])
    posting(signed_in("officer.norfolk"), plan, {"about": "part:funding", "title": "CCG",
                                                 "text": "Check it."})  # fmt: skip
    Comment.objects.filter(conversation__title="CCG").update(at="2017-01-01T09:00:00Z")  # older
    user = signed_in("signoff.norfolk").get(reverse("home")).wsgi_request.user
    names = [(one.subject_name, one.url) for one in open_conversations(user=user)]
    assert names == [
        ("Norfolk’s Q3 2015/16 return", thread(Conversation.objects.get(title="The NC3 date"))),
        ("Norfolk’s 2016/17 plan", reverse("plan-conversation", args=[NORFOLK, 2016,
                                           Conversation.objects.get(title="CCG").pk])),
    ]  # fmt: skip
    again = get_user_model().objects.get(username="signoff.norfolk")  # as the next request's
    compiled = []
    real = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda *a, **k: compiled.append(1) or real(*a, **k))
    assert [(one.subject_name, one.url) for one in open_conversations(user=again)] == names
    assert compiled == []
