// Entry point (type="module", so it runs after the document is parsed and after the
// deferred vendor scripts such as KaTeX).
import { renderMathIn } from "./math.js";
import { initMathfields } from "./mathfield.js";
import { initPreviews } from "./preview.js";
import { initAsyncForms } from "./verdict.js";

document.documentElement.classList.add("js");
renderMathIn(document);
initPreviews(document);
initMathfields(document);
initAsyncForms(document);
// A select marked data-autosubmit submits its (GET) form on change.
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form?.requestSubmit());
});
document.documentElement.dataset.ready = "1";
