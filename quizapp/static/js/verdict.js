// Submit answer forms in place: POST with `X-Fragment: 1`, the server answers with the
// verdict fragment, which replaces the target's content; the learner can edit and
// resubmit. Without JS (or on any fetch failure) the form posts normally and the server
// renders the full verdict page.
// Markup: <form data-async-target="verdict-slot"> ... <div id="verdict-slot" tabindex="-1">
import { renderMathIn } from "./math.js";
import { el, uiString } from "./util.js";

// Returns "done" (verdict shown), "refused" (the server answered with an error, shown in
// place; the typed answer stays in the box) or "offline" (no answer: post the form).
async function submitInPlace(form, target) {
  const button = form.querySelector('button[type="submit"]');
  if (button) button.disabled = true;
  target.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Fragment": "1", Accept: "text/html" },
    });
    if (!response.ok && response.status !== 422) {
      target.replaceChildren(
        el("p", { className: "verdict verdict-invalid", text: `${uiString("submit_refused")} (HTTP ${response.status})` }),
      );
      target.focus();
      return "refused";
    }
    const html = await response.text();
    // The fragment is rendered by our own templates (all learner text escaped).
    const doc = new DOMParser().parseFromString(html, "text/html");
    target.replaceChildren(...doc.body.childNodes);
    renderMathIn(target);
    target.focus();
    return "done";
  } catch {
    target.textContent = uiString("submit_failed");
    return "offline";
  } finally {
    target.removeAttribute("aria-busy");
    if (button) button.disabled = false;
  }
}

// A new id for the next attempt (the server keeps one attempt per id).
function freshAttemptId() {
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function attach(form) {
  const target = document.getElementById(form.dataset.asyncTarget);
  if (!target) return;
  let shownAt = performance.now();
  form.addEventListener("submit", async (event) => {
    // A button with its own formaction (the hint button) posts the page normally.
    if (event.submitter?.hasAttribute("formaction")) return;
    event.preventDefault();
    const timeTaken = form.elements.namedItem("time_taken_ms");
    if (timeTaken) timeTaken.value = String(Math.round(performance.now() - shownAt));
    const outcome = await submitInPlace(form, target);
    if (outcome === "offline") {
      form.submit();
      return;
    }
    if (outcome === "refused") return;
    const attemptId = form.elements.namedItem("attempt_id");
    if (attemptId) attemptId.value = freshAttemptId();
    shownAt = performance.now();
  });
}

export function initAsyncForms(root) {
  root.querySelectorAll("form[data-async-target]").forEach(attach);
  // Ctrl+Enter (Cmd+Enter) submits from a multi-line answer, as Enter does from a line.
  root.querySelectorAll("form textarea").forEach((area) => {
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        area.form.requestSubmit();
      }
    });
  });
}
