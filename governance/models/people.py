"""Who belongs where: a user's roles in HWB areas (administrators, and analysts granted
national scope, hold no area: their role holds in every area)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from governance.constraints import valid_choice

from .areas import HwbArea, NhsRegion, Partner


class Role(models.TextChoices):
    COMMISSIONING_OFFICER = "officer", "Commissioning officer"
    SIGN_OFF_MEMBER = "signoff", "HWB sign-off member"
    ANALYST = "analyst", "Analyst"
    ADMINISTRATOR = "admin", "Administrator"
    # NHS England: a reviewer assures the areas of one region; the national BCF team, every
    # region's (apart from the national analyst, who only reads and exports).
    NHSE_REVIEWER = "reviewer", "NHS England regional reviewer"
    NHSE_NATIONAL = "nhse", "NHS England national BCF team"


# Roles that may be held with no HWB area, for every area: an administrator always is; an
# analyst is when granted national scope (one membership, not one per area); NHS England's
# roles hold no area (a reviewer holds a region).
NATIONAL_ROLES = (Role.ADMINISTRATOR, Role.ANALYST)
NHS_ENGLAND_ROLES = (Role.NHSE_REVIEWER, Role.NHSE_NATIONAL)


class Membership(models.Model):
    """One role a user holds: in an HWB area (optionally for a partner there), or nationally.

    A user sees an HWB area only through a membership in it. Administrators
    manage users, partners and periods nationally and hold no area.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    hwb_area = models.ForeignKey(
        HwbArea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="HWB area",
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="The organisation the user works for in this area, if any.",
    )
    region = models.CharField(
        max_length=20, choices=NhsRegion.choices, blank=True,
        help_text="An NHS England regional reviewer's region: they see its areas only.",
    )  # fmt: skip

    class Meta:
        db_table = "plans_membership"  # first part of plans: the table keeps its name
        ordering = ["user__username", "hwb_area__name", "role"]
        constraints = [
            valid_choice("role", Role, "Choose a role from the list."),
            models.CheckConstraint(
                condition=(
                    Q(role__in=(Role.ADMINISTRATOR, *NHS_ENGLAND_ROLES)) & Q(hwb_area__isnull=True)
                )
                | Q(role=Role.ANALYST)
                | (~Q(role__in=(*NATIONAL_ROLES, *NHS_ENGLAND_ROLES)) & Q(hwb_area__isnull=False)),
                name="plans_membership_area_unless_national",
                violation_error_message=(
                    "Administrators and NHS England's reviewers and national team hold no HWB "
                    "area; an analyst holds one, or none for every area (national); every other "
                    "role needs one."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(role=Role.NHSE_REVIEWER) & ~Q(region=""))
                | (~Q(role=Role.NHSE_REVIEWER) & Q(region="")),
                name="governance_membership_region_for_reviewers",
                violation_error_message="An NHS England regional reviewer holds one region, and "
                "only a reviewer holds one.",
            ),
            models.CheckConstraint(
                condition=Q(partner__isnull=True) | Q(hwb_area__isnull=False),
                name="plans_membership_partner_needs_area",
                violation_error_message="A partner can only be given with an HWB area.",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "hwb_area"],
                condition=Q(hwb_area__isnull=False),
                name="plans_membership_one_role_per_area",
                violation_error_message="This user already has this role in this HWB area.",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(hwb_area__isnull=True),
                name="plans_membership_one_national_role",
                violation_error_message="This user already has this national role.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role_description}"

    @property
    def role_description(self) -> str:
        """`Commissioning officer in Norfolk for Norfolk County Council`."""
        where = (f" in {self.hwb_area}" if self.hwb_area_id
                 else f" for {self.region}" if self.region else " (national)")  # fmt: skip
        for_partner = f" for {self.partner}" if self.partner_id else ""
        return f"{self.get_role_display()}{where}{for_partner}"

    def clean(self):
        if (
            self.partner_id
            and self.hwb_area_id
            and not self.partner.hwb_areas.filter(pk=self.hwb_area_id).exists()
        ):
            raise ValidationError({"partner": f"{self.partner} does not serve {self.hwb_area}."})


class Invitation(models.Model):
    """An administrator's invitation of one person to a role (governance/invitations.py):
    the e-mailed link sets their first password, once, within INVITATION_DAYS."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(verbose_name="e-mail address")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="The role they were invited to.",
    )  # fmt: skip
    role_description = models.CharField(max_length=300, help_text="The role, as it was named.")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When the link was e-mailed.")
    accepted_at = models.DateTimeField(
        null=True, blank=True, help_text="When they set their password through it."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email}: {self.role_description}"
