"""An area's people in the portal: who belongs to it, in which role, and inviting someone to
it with a role, through the e-mailed invitation (`governance/invitations.py`). Its officers
invite; administrators reach every area's page from their home page. The Django admin stays
for superusers."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from . import rules
from .forms import GovukErrorClassesMixin
from .invitations import invitation_create, membership_for
from .models import HwbArea, Invitation, Membership, Role
from .reading import reads_only
from .selectors import hwb_areas_for_user

AREA_ROLES = [(r.value, r.label) for r in (Role.COMMISSIONING_OFFICER, Role.SIGN_OFF_MEMBER,
                                           Role.ANALYST)]  # fmt: skip


class AreaInvitationForm(GovukErrorClassesMixin, forms.Form):
    email = forms.EmailField(label="Their e-mail address", max_length=254)
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    role = forms.ChoiceField(label="Role", choices=AREA_ROLES, widget=forms.RadioSelect)
    partner = forms.ModelChoiceField(
        queryset=None, required=False, label="Partner (optional)",
        empty_label="None: they act for the area",
        help_text="The organisation they work for in the area. A sign-off member given one "
        "signs only that partner's block of the plan, not for the Board.",
    )  # fmt: skip

    def __init__(self, *args, area: HwbArea, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = area.partners.order_by("name")
        self.fields["email"].widget.attrs.update(spellcheck="false", autocomplete="off")

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                membership_for(role=data["role"], hwb_area=self.area, partner=data.get("partner"))
            except ValidationError as error:
                raise ValidationError(" ".join(error.messages)) from None
        return data


def _area(request: HttpRequest, ons_code: str) -> tuple[HwbArea, bool]:
    """The area (a 404 for anyone neither of it nor an administrator), and whether the user
    may invite people to it."""
    user = request.user
    if rules.allows(user, rules.Action.MANAGE):
        return get_object_or_404(HwbArea, ons_code=ons_code), True
    area = get_object_or_404(hwb_areas_for_user(user=user), ons_code=ons_code)
    rules.require(user, rules.Action.READ, area)
    return area, rules.allows(user, rules.Action.INVITE, area)


def area_people(request: HttpRequest, ons_code: str) -> HttpResponse:
    area, may_invite = _area(request, ons_code)
    posted = request.POST if request.method == "POST" else None
    form = AreaInvitationForm(posted, area=area) if may_invite else None
    if request.method == "POST":
        if not may_invite:
            rules.require(request.user, rules.Action.INVITE, area)  # a 403 saying who may
        if form.is_valid():
            data = form.cleaned_data
            invitation = invitation_create(
                email=data["email"], first_name=data["first_name"], last_name=data["last_name"],
                role=data["role"], hwb_area=area, partner=data["partner"],
                invited_by=request.user,
            )  # fmt: skip
            messages.success(request, f"Invitation sent to {invitation.email} as "
                             f"{invitation.role_description}. The e-mailed link lets them set "
                             "a password and sign in.")  # fmt: skip
            return redirect(reverse("area-people", args=[area.ons_code]))
    members = (
        Membership.objects.filter(hwb_area=area)
        .select_related("user", "partner")
        .order_by("role", "user__last_name", "user__username")
    )
    pending = {i.membership_id for i in Invitation.objects.filter(
        membership__hwb_area=area, accepted_at=None)}  # fmt: skip
    return render(
        request,
        "people/area_people.html",
        {
            "area": area,
            "members": members,
            "pending": pending,
            "form": form,
            "is_administrator": rules.allows(request.user, rules.Action.MANAGE),
        },
        status=400 if form is not None and form.errors else 200,
    )


@reads_only
def area_people_choose(request: HttpRequest) -> HttpResponse:
    """From an administrator's home page: the people page of the area chosen."""
    rules.require(request.user, rules.Action.MANAGE)
    area = get_object_or_404(HwbArea, ons_code=request.GET.get("area", ""))
    return redirect(reverse("area-people", args=[area.ons_code]))
