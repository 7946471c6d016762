"""Norfolk's real Q3 2015/16 return (`fixtures/norfolk-q3-2015-16.json`): the test oracle."""

from demo.sync import fixture
from returns.definitions import template
from returns.definitions.evaluation import calculate

Q3 = template("bcf-q3-2015-16")


def norfolk_file() -> dict:
    return fixture("norfolk-q3-2015-16.json")


def norfolk_values(**changes) -> dict:
    """Norfolk's answers as Python values, with `changes` applied (None clears), calculated."""
    answers = {
        id_: Q3.question(id_).type.clean(raw) for id_, raw in norfolk_file()["answers"].items()
    }
    for id_, raw in changes.items():
        answers[id_] = None if raw is None else Q3.question(id_).type.clean(raw)
    return calculate(Q3, answers)
