// Start every GOV.UK Frontend component on the page (error summary, header menu, …), and
// guard every form that edits data against leaving with changes not saved.
import { initAll } from "../govuk/govuk-frontend.min.js";
import { warnWhenUnsaved } from "./unsaved.js";

initAll();
for (const form of document.querySelectorAll("form[data-warn-unsaved]")) warnWhenUnsaved(form);
