// A return's section page, enhanced: conditional questions appear as soon as they apply,
// and annual totals follow the figures typed. The server makes the same decisions when
// the page is saved, so without this script the page still works.

const form = document.querySelector(".portal-return-form");

function valueOf(id, known) {
  const field = form.elements.namedItem(id);
  if (field && "value" in field) return field.value.trim();
  return known[id] ?? "";
}

function holds(cond, known) {
  if ("all" in cond) return cond.all.every((part) => holds(part, known));
  if ("any" in cond) return cond.any.some((part) => holds(part, known));
  if ("not" in cond) return !holds(cond.not, known);
  if ("given" in cond) return valueOf(cond.given, known) !== "";
  return cond.in.includes(valueOf(cond.id, known));
}

function showApplicable() {
  for (const element of form.querySelectorAll("[data-applicable-when]")) {
    const { when, known } = JSON.parse(element.dataset.applicableWhen);
    element.hidden = !holds(when, known);
    const field = element.querySelector("input, select, textarea");
    const notNeeded = field && form.querySelector(`[data-not-needed-for="${field.id}"]`);
    if (notNeeded) notNeeded.hidden = !element.hidden;
  }
  // A fieldset of conditional questions only (e.g. "if condition 3 is not met") goes
  // when none of them applies; one with any other question stays.
  for (const fieldset of form.querySelectorAll("fieldset")) {
    // Its questions: its own groups, not those inside a question (a date's three boxes).
    // A fieldset with none (a question's own radios) is the question's, not a group's.
    const questions = [...fieldset.querySelectorAll(":scope > .govuk-form-group")];
    if (questions.length && questions.every((question) => question.dataset.applicableWhen)) {
      fieldset.hidden = questions.every((question) => question.hidden);
    }
  }
}

const whole = (text) => {
  const cleaned = text.replace(/^£/, "").replace(/[,\s]/g, "");
  return /^\d+$/.test(cleaned) ? Number(cleaned) : null;
};

function showTotals() {
  for (const total of form.querySelectorAll("[data-sum-of]")) {
    const parts = total.dataset.sumOf.split(" ").map((id) => whole(valueOf(id, {})));
    if (parts.some((part) => part === null)) {
      total.textContent = "–";
    } else {
      const sum = parts.reduce((a, b) => a + b, 0).toLocaleString("en-GB");
      total.textContent = total.dataset.money ? `£${sum}` : sum;
    }
  }
}

if (form) {
  form.addEventListener("input", () => { showApplicable(); showTotals(); });
  form.addEventListener("change", () => { showApplicable(); showTotals(); });
  showApplicable();
}
