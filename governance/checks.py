"""`manage.py check` (run at every start) warns where the upload reader's C part is missing."""

from django.core import checks


@checks.register()
def upload_reader_built(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from .uploads import parts

    if parts._cells is not None:
        return []
    return [
        checks.Warning(
            "Uploaded workbooks are read in Python: the reader's C part "
            "(governance/uploads/_cells.c) was not built when the portal was installed. They "
            "read the same, more slowly.",
            hint="Install gcc and Python's headers (apt-get install gcc python3-dev) and run "
            "pip install -e . again: the portal runs from its checkout, where an editable "
            "install builds it (docs/DEPLOY.md).",
            id="governance.W001",
        )
    ]
