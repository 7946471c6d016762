"""How sure a definition is of each question: the marks of the spec pages.

Only the first pages of the templates after Q3 2015/16 could be read, so the spec
marks every question verified or reconstructed. A definition carries the mark of
each question (by section, with exceptions), the return shows one notice listing
the reconstructed ones, and the workbook's Guidance sheet says the same. A mark is
not part of an id: when a real workbook is found, changing a mark changes no id.
"""

import enum


class Mark(enum.StrEnum):
    V = "V"  # seen in a stored source of this template
    V_Q3 = "V-Q3"  # wording seen for Q3 2015/16, assumed unchanged
    V_P = "V-P"  # seen in a secondary source: minutes, a policy document, the seed
    I_H = "I-H"  # inferred, high confidence
    I_M = "I-M"  # inferred, medium confidence: provisional
    I_L = "I-L"  # inferred, low confidence: provisional

    @property
    def reconstructed(self) -> bool:
        """Inferred: nobody has seen NHS England's wording of it in this template."""
        return self.value.startswith("I-")

    @property
    def provisional(self) -> bool:
        """To be checked against a real workbook before a release claims fidelity."""
        return self in (Mark.I_M, Mark.I_L)

    @property
    def meaning(self) -> str:
        return MEANINGS[self]


MEANINGS = {
    Mark.V: "seen in a completed return of this template",
    Mark.V_Q3: "seen in the Q3 2015/16 template, assumed unchanged",
    Mark.V_P: "seen in minutes, a policy document or the Norfolk papers",
    Mark.I_H: "reconstructed, high confidence",
    Mark.I_M: "reconstructed, medium confidence (provisional)",
    Mark.I_L: "reconstructed, low confidence (provisional)",
}


def reconstructed_line(definition) -> str:
    """The Guidance sheet's line: which questions are reconstructed, by tab ("" if none)."""
    grouped = definition.reconstructed_by_section
    if not grouped:
        return ""
    tabs = "; ".join(
        f"{section.title}: " + ", ".join(f"{q.id} ({mark})" for q, mark in rows)
        for section, rows in grouped
    )
    count = sum(len(rows) for _, rows in grouped)
    return (
        f"Reconstructed questions: only the first pages of NHS England's workbook for this "
        f"template could be read, so the wording of these {count} questions is the BCF "
        "portal's reconstruction (I-H, I-M or I-L: inferred with high, medium or low "
        f"confidence; I-M and I-L are provisional), not NHS England's. {tabs}."
    )
