// Nothing typed is lost without a word: once a form marked `data-warn-unsaved` changes,
// leaving the page by any way but one of its own submit buttons makes the browser ask
// first. A script that changes the form itself (a row removed) says so with a "change"
// event. Without JavaScript the way on is a submit button that saves first.

export function warnWhenUnsaved(form) {
  let unsaved = false;
  const changed = () => { unsaved = true; };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => { unsaved = false; });
  window.addEventListener("beforeunload", (event) => {
    if (!unsaved) return;
    event.preventDefault();
    event.returnValue = "";
  });
}
