"""What carries from an area's previous return into its next, whatever their templates.

Each definition declares how the ids of the template before it map into its own:
the same id means the same question unless it is listed as renamed, split or
retired. A new return's questions whose source is `Previous(...)` read the
previous return's answers through that mapping (`carried`). The definition
validator checks that every id of the template before is accounted for, and that
each id carried lands on a question whose type takes its values.
"""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class CarryForward:
    """How the answers of the template before (`after`, a template version) map into this one."""

    after: str  # the version of the template before this one
    renamed: tuple[tuple[str, str], ...] = ()  # (old id, new id)
    # (old id, new ids): the question became several; what it held is asked afresh.
    split: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Old ids with no successor; an entry ending in "*" retires every id it starts.
    retired: tuple[str, ...] = ()

    def is_retired(self, id_: str) -> bool:
        return any(
            id_.startswith(entry[:-1]) if entry.endswith("*") else id_ == entry
            for entry in self.retired
        )

    def fate(self, id_: str, new_ids) -> str:
        """What becomes of an old id: "same", "renamed", "split", "retired" or "unlisted"."""
        if id_ in dict(self.renamed):
            return "renamed"
        if id_ in dict(self.split):
            return "split"
        if self.is_retired(id_):
            return "retired"
        return "same" if id_ in new_ids else "unlisted"

    def carried(self, answers: Mapping[str, object], new_ids) -> dict[str, object]:
        """The previous return's answers under this template's ids: what `Previous` reads.
        (Only a return of the same financial year is read: a year plays back nothing of the
        year before, `returns.selectors.source_data`.)"""
        renamed = dict(self.renamed)
        out = {}
        for id_, value in answers.items():
            fate = self.fate(id_, new_ids)
            if fate == "same":
                out[id_] = value
            elif fate == "renamed":
                out[renamed[id_]] = value
        return out
