"""Invitations: an administrator invites a person, by e-mail, to a role (in an HWB area, for
a partner there, or national). The account is made if there is none (with no password), the
role given, and the worker e-mails a link that sets their password.

The link works once (setting a password changes what its token is made from) and for
INVITATION_DAYS, whatever state the account's password is in: a new account has none, which
is why the sign-in page's "Forgotten your password?", Django's reset, sends such an account
nothing. That reset stays for forgotten passwords.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

from .models import HwbArea, Invitation, Membership, Partner
from .outbox import task_send
from .passwords import link_send, password_link


class InvitationTokens(PasswordResetTokenGenerator):
    """Django's reset tokens under a salt of their own, valid for INVITATION_DAYS."""

    key_salt = "governance.invitations.InvitationTokens"

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            made_at = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if self._num_seconds(self._now()) - made_at > settings.INVITATION_DAYS * 86400:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, made_at, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


invitation_tokens = InvitationTokens()


def membership_for(
    *, role: str, hwb_area: HwbArea | None, partner: Partner | None, user=None, region: str = ""
) -> Membership:
    """The role as a membership, checked as the database and the model check it (without the
    user, when there is none yet): ValidationError in plain words. A regional reviewer of NHS
    England holds a `region`."""
    membership = Membership(user=user, role=role, hwb_area=hwb_area, partner=partner,
                            region=region)  # fmt: skip
    membership.full_clean(exclude=None if user is not None else ["user"])
    return membership


@transaction.atomic
def invitation_create(
    *, email: str, first_name: str = "", last_name: str = "", role: str,
    hwb_area: HwbArea | None = None, partner: Partner | None = None, invited_by=None,
    region: str = "",
) -> Invitation:  # fmt: skip
    """Invite `email` to the role: the account (by e-mail address, made if there is none,
    its username the address; made active again if it was not), the membership, and the
    invitation, whose e-mail the worker sends once this commits."""
    users = get_user_model()
    email = users.objects.normalize_email(email.strip())
    user = users.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        user = users(username=email.lower(), email=email, first_name=first_name,
                     last_name=last_name)  # fmt: skip
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    membership = Membership.objects.filter(user=user, role=role, hwb_area=hwb_area,
                                           region=region).first()  # fmt: skip
    if membership is None:
        membership = membership_for(role=role, hwb_area=hwb_area, partner=partner, user=user,
                                    region=region)  # fmt: skip
        membership.save()
    invitation = Invitation.objects.create(
        user=user, email=email, membership=membership,
        role_description=membership.role_description,
        invited_by=invited_by if invited_by is not None and invited_by.is_authenticated else None,
    )  # fmt: skip
    task_send("governance.send_invitation", invitation.pk)
    return invitation


def invitation_send_again(*, invitation: Invitation) -> None:
    """A new link for an invitation not yet accepted (the old one still works until used)."""
    if invitation.accepted_at is not None:
        raise ValidationError(f"{invitation.email} has accepted this invitation already.")
    task_send("governance.send_invitation", invitation.pk)


def invitation_send(*, invitation_id: int) -> bool:
    """E-mail the invitation's link (what its task does); False if there is no one to send
    it to any more."""
    invitation = (
        Invitation.objects.select_related("user", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or not invitation.user.is_active or invitation.accepted_at:
        return False
    user = invitation.user
    link = password_link(user, view="invitation_accept", tokens=invitation_tokens)
    link_send(user, template="registration/invitation", context={
        "link": link, "invitation": invitation, "days": settings.INVITATION_DAYS,
    })  # fmt: skip
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True


def invitations_accepted(*, user) -> int:
    """Their password is set through an invitation's link: every pending one is accepted."""
    return Invitation.objects.filter(user=user, accepted_at=None).update(accepted_at=timezone.now())
