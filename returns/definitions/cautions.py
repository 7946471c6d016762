"""The portal's "are you sure?" checks, declared for each template beside its rules.

None of them is NHS England's: no template or spec holds them, and the workbook's checklist
does not. They catch what a hard rule cannot refuse (a real figure may be far from plan) but
a slip often makes: an actual far from its plan, a figure ten times the last quarter's, a
metric off its planned trajectory. The shares are the portal's choice, set here.
"""

from collections.abc import Callable
from fractions import Fraction

from .logic import FarFrom, Ref, TimesOver
from .structure import Caution

# How far an actual may be from its plan before the officer is asked to confirm it.
PLAN_SHARE = Fraction(1, 10)  # I&E: a tenth of the plan
TRAJECTORY_SHARE = Fraction(1, 20)  # non-elective admissions: a twentieth of the plan
TIMES = 10  # a figure ten times the previous quarter's, or a tenth of it


def ie_cautions(
    year: str, quarter: int, quarter_label: Callable[[str], str]
) -> tuple[Caution, ...]:
    """For income and for expenditure: this quarter's actual against its plan, and against
    the previous quarter's actual (from Q2 on). `quarter_label("fy1516_q3")` names a quarter."""
    cautions = []
    this = quarter_label(f"{year}_q{quarter}")
    for flow, noun in (("income", "income into"), ("expenditure", "expenditure from")):
        actual = f"ie_{flow}_actual_q{quarter}"
        cautions.append(Caution(
            f"{flow}_actual_far_from_plan", actual,
            FarFrom(Ref(actual), Ref(f"ie_{flow}_plan_q{quarter}"), PLAN_SHARE),
            f"The actual {noun} the fund in {this} differs from the plan by more than "
            f"{float(PLAN_SHARE * 100):g}% of it.",
        ))  # fmt: skip
        if quarter > 1:
            before = quarter_label(f"{year}_q{quarter - 1}")
            cautions.append(Caution(
                f"{flow}_actual_times_previous", actual,
                TimesOver(Ref(actual), Ref(f"ie_{flow}_actual_q{quarter - 1}"), TIMES),
                f"The actual {noun} the fund in {this} is {TIMES} times that of {before} or "
                f"more, or a {TIMES}th of it or less: is a digit missing or one too many?",
            ))  # fmt: skip
    return tuple(cautions)


def nea_trajectory(actual: str, plan: str, quarter: str) -> Caution:
    """A metric off its planned trajectory: non-elective admissions far from the plan in
    `quarter` ("Q3 2015/16")."""
    return Caution(
        "nea_off_trajectory", actual, FarFrom(Ref(actual), Ref(plan), TRAJECTORY_SHARE),
        f"The actual non-elective admissions in {quarter} differ from the plan "
        f"by more than {float(TRAJECTORY_SHARE * 100):g}% of it: the metric is off its planned "
        "trajectory.",
    )  # fmt: skip
