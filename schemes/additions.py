"""What the scheme register adds to a plan: the schemes section of its page (every scheme in
full on the printable plan), the register's two sheets in its workbook, and NHS England's key
line on the schemes' funding."""

from governance.submissions import Enquiry, Finding, Rating
from plans import additions

from .models import Scheme
from .register import register_sheets_write
from .selectors import plan_schemes, schemes_in_full


def _funded(plan) -> Finding:
    """Red: a scheme with no amount given; amber: one with an amount still unknown."""
    schemes = Scheme.objects.filter(plan=plan).prefetch_related("investment_lines")
    unfunded, unknown = [], []
    for scheme in schemes:
        amounts = [line.amount for line in scheme.investment_lines.all()]
        if not any(amounts):
            unfunded.append(scheme.reference)
        elif None in amounts:
            unknown.append(scheme.reference)
    if unfunded:
        return Finding(Rating.RED, f"{len(unfunded)} scheme{'s' if len(unfunded) != 1 else ''} "
                       f"with no investment given: {', '.join(unfunded)}.")  # fmt: skip
    if unknown:
        return Finding(Rating.AMBER, f"An investment amount still unknown: {', '.join(unknown)}.")
    if not schemes:
        return Finding(Rating.RED, "The plan has no schemes.")
    return Finding(Rating.GREEN, "Every scheme's investment is given.")


FUNDED = Enquiry("schemes-funded", "Is every scheme funded?", _funded)


def register() -> None:
    additions.add_enquiry(20, FUNDED)
    additions.add_plan_section(
        additions.PlanSection(
            "schemes",
            read=lambda plan: plan_schemes(plan=plan),
            read_in_full=lambda plan: schemes_in_full(plan=plan),
        )
    )
    additions.add_workbook_sheets(20, register_sheets_write)
