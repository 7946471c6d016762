// A scheme's form, enhanced: "Add another …" adds a row on the page instead of posting it
// back, "Remove" takes a row away at once, saying so, with an Undo until Save (the server
// removes it on Save), and the
// investment total follows the amounts typed. Without this script the page still works:
// the same buttons post the page back with one more row, and the boxes remove on Save.

function poundsOf(text) {
  const clean = text.replace(/[£,\s]/g, "");
  return /^\d+$/.test(clean) ? Number(clean) : null;
}

function updateTotal(part) {
  const total = part.querySelector(".portal-part__total");
  if (!total) return;
  let sum = 0;
  let unknown = 0;
  for (const row of part.querySelectorAll(".portal-part__row")) {
    if (row.hidden) continue;
    const amount = row.querySelector('input[name$="-amount"]');
    const description = row.querySelector('[name$="-description"]');
    if (!amount || !description || description.value.trim() === "") continue;
    const value = poundsOf(amount.value);
    if (value === null) unknown += 1;
    else sum += value;
  }
  total.textContent = `£${sum.toLocaleString("en-GB")}`;
  const flag = part.querySelector(".portal-part__unknown");
  flag.textContent = unknown ? `; ${unknown} not known` : "";
}

function enhanceRow(part, row) {
  const box = row.querySelector('.portal-part__remove input[type="checkbox"]');
  if (!box) return;
  const noun = part.querySelector(".portal-part__add").textContent.replace(/^Add (another|a) /, "");
  const name = row.querySelector("h3")?.textContent.trim() || `this ${noun}`;
  box.closest(".portal-part__remove").hidden = true;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
  button.textContent = `Remove ${name.toLowerCase()}`;
  // What was removed stays on the page, said aloud, with a way to bring it back until Save.
  const notice = document.createElement("div");
  notice.className = "portal-part__removed govuk-inset-text";
  notice.setAttribute("role", "status");
  notice.hidden = true;
  const words = document.createElement("span");
  const undo = document.createElement("button");
  undo.type = "button";
  undo.className = "portal-link-button govuk-!-margin-left-2";
  undo.textContent = `Undo: keep ${name.toLowerCase()}`;
  notice.append(words, undo);
  row.after(notice);
  button.addEventListener("click", () => {
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));  // a change not yet saved
    row.hidden = true;
    words.textContent = `${name} will be removed when you save.`;
    notice.hidden = false;
    updateTotal(part);
    undo.focus();
  });
  undo.addEventListener("click", () => {
    box.checked = false;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    row.hidden = false;
    notice.hidden = true;
    updateTotal(part);
    row.querySelector("input:not([type=hidden]), select, textarea")?.focus();
  });
  row.append(button);
}

for (const part of document.querySelectorAll(".portal-part")) {
  const prefix = part.dataset.prefix;
  const total = part.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const rows = part.querySelector(".portal-part__rows");
  const template = part.querySelector("template.portal-part__template");
  const add = part.querySelector(".portal-part__add");
  for (const row of rows.querySelectorAll(".portal-part__row")) enhanceRow(part, row);
  add.addEventListener("click", (event) => {
    event.preventDefault();
    const index = Number(total.value);
    const html = template.innerHTML
      .replaceAll("__prefix__", String(index))
      .replaceAll("__number__", String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    total.dispatchEvent(new Event("change", { bubbles: true }));
    const row = rows.lastElementChild;
    enhanceRow(part, row);
    add.textContent = add.textContent.replace(/^Add a /, "Add another ");
    row.querySelector("input, select, textarea")?.focus();
  });
  part.addEventListener("input", () => updateTotal(part));
}
