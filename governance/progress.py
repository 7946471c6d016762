"""A task's status in the GOV.UK task list's own words, for a return's sections and a plan's
parts alike: in words on every page, colour only repeating them."""

from enum import StrEnum


class Progress(StrEnum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"
    CANNOT_START_YET = "Cannot start yet"


def progress(*, started: bool, to_do: int) -> Progress:
    """Completed when nothing is left to do and something was done (or nothing was needed);
    not started until something is entered."""
    if not to_do:
        return Progress.COMPLETED
    return Progress.IN_PROGRESS if started else Progress.NOT_STARTED
