"""`manage.py seed_demo`: load Norfolk's demo data and the demo users (idempotent)."""

from django.core.management.base import BaseCommand

from demo.load import demo_load
from demo.users import demo_password
from plans.selectors import plan_summaries


class Command(BaseCommand):
    help = (
        "Load the reference data, Norfolk's real plan figures, a fictional second area and one "
        "demo user per role. Running it again changes nothing. The password comes from "
        "DEMO_PASSWORD, else one is generated once and kept in DEMO_PASSWORD_FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--national", action="store_true",
            help="Also give every other real HWB area an officer, a sign-off member and a Q3 "
            "2015/16 return of made-up figures (marked synthetic), in a mix of states.",
        )  # fmt: skip

    def handle(self, *args, national: bool = False, **options):
        password = demo_password()
        users = demo_load(password=password)
        if national:
            from demo.national import national_demo_load

            made = national_demo_load()
            self.stdout.write(
                f"National demo: {made} synthetic return{'s' if made != 1 else ''} made "
                "for Q3 and Q4 2015/16 and Q1 and Q2 2016/17 (every page and file of them "
                "says so). See /national/rounds/fy1516_q3/ and /national/figures/fy1516_q3/ "
                "(or another period) as analyst.national."
            )
        for summary in plan_summaries():
            self.stdout.write(
                f"{summary.plan}: pooled fund {summary.pooled_fund_display}, "
                f"{summary.scheme_count} schemes"
            )
        self.stdout.write("")
        self.stdout.write(self.style.WARNING("Demo logins (local use only):"))
        width = max(len(user.username) for user in users)
        for user in users:
            self.stdout.write(f"  {user.username:<{width}}  {user.describe()}")
        self.stdout.write(f"  password for all: {password}")
