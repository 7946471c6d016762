"""`manage.py verify_files`: every kept file read back and its SHA-256 checked (after a
restore from backups, docs/DEPLOY.md)."""

from django.core.management.base import BaseCommand, CommandError

from governance.storage import kept_files_verify


class Command(BaseCommand):
    help = "Check that every file the database keeps is in the file store, byte for byte."

    def handle(self, *args, **options):
        checked, problems = kept_files_verify()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} of {checked} kept files are missing or changed.")
        self.stdout.write(f"{checked} kept files checked: each is whole, as recorded.")
