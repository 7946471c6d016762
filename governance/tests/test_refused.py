"""A refusal no view caught is a page that says why, never a server error."""

import pytest
from django.test import RequestFactory

from conftest import demo_user
from governance.refused import Refused, RefusedMiddleware


@pytest.mark.django_db
def test_a_refusal_no_view_caught_is_a_409_page_with_its_message(demo):
    request = RequestFactory().post("/anywhere/")
    request.user = demo_user("officer.norfolk")
    middleware = RefusedMiddleware(lambda request: None)
    page = middleware.process_exception(request, Refused("This return is ready for sign-off."))
    assert page.status_code == 409
    assert "This return is ready for sign-off." in page.content.decode()
    assert "Nothing was changed" in page.content.decode()
    assert middleware.process_exception(request, ValueError("a bug")) is None  # still a 500
