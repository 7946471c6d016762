"""Database checks used across the apps, named `<app>_<model>_<field>_…` and explained in
plain English (the admin and forms show `violation_error_message`)."""

from django.db import models


def valid_choice(
    field: str, choices: type[models.Choices], message: str, *, blank: bool = False
) -> models.CheckConstraint:
    """The field holds one of `choices` (or is empty, when `blank`)."""
    allowed = [*choices.values, ""] if blank else list(choices.values)
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": allowed}),
        name=f"%(app_label)s_%(class)s_{field}_valid",
        violation_error_message=message,
    )


def quarter_1_to_4(field: str = "quarter") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": 1, f"{field}__lte": 4}),
        name=f"%(app_label)s_%(class)s_{field}_1_to_4",
        violation_error_message="The quarter is 1, 2, 3 or 4.",
    )
