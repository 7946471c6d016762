// Start every GOV.UK Frontend component on the page (error summary, header menu, …).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
