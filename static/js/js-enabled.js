// Runs at the start of <body>: lets GOV.UK Frontend's CSS know that JavaScript
// and ES modules are available, before the page is painted.
document.body.className +=
  " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
