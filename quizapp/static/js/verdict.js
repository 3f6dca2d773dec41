// Submit answer forms in place: POST with `X-Fragment: 1`, the server answers with the
// verdict fragment, which replaces the target's content; the learner can edit and
// resubmit. Without JS (or on any fetch failure) the form posts normally and the server
// renders the full verdict page.
// Markup: <form data-async-target="verdict-slot"> ... <div id="verdict-slot" tabindex="-1">
import { renderMathIn } from "./math.js";
import { uiString } from "./util.js";

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
    if (!response.ok && response.status !== 422) throw new Error(`HTTP ${response.status}`);
    const html = await response.text();
    // The fragment is rendered by our own templates (all learner text escaped).
    const doc = new DOMParser().parseFromString(html, "text/html");
    target.replaceChildren(...doc.body.childNodes);
    renderMathIn(target);
    target.focus();
    return true;
  } catch {
    target.textContent = uiString("submit_failed");
    return false;
  } finally {
    target.removeAttribute("aria-busy");
    if (button) button.disabled = false;
  }
}

function attach(form) {
  const target = document.getElementById(form.dataset.asyncTarget);
  if (!target) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ok = await submitInPlace(form, target);
    if (!ok) form.submit();
  });
}

export function initAsyncForms(root) {
  root.querySelectorAll("form[data-async-target]").forEach(attach);
}
