// Optional MathLive visual editor. The plain text box stays the form field: the editor
// writes its LaTeX into it and switches the form's format to "latex", so the server
// parses exactly what the preview shows. MathLive (~850 KB) loads on first use only.
// Markup: <button type="button" data-mathfield-toggle data-mathfield-for="answer"
//                 data-mathlive-src="/static/vendor/mathlive/mathlive.min.js" aria-pressed="false">
import { uiString } from "./util.js";

let loading = null;

function loadMathLive(src) {
  if (window.MathfieldElement) return Promise.resolve(window.MathfieldElement);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => {
      const Mathfield = window.MathfieldElement;
      if (!Mathfield) return reject(new Error("MathLive did not load"));
      Mathfield.soundsDirectory = null; // no audio requests, no clicks
      Mathfield.keypressSound = null;
      Mathfield.plonkSound = null;
      resolve(Mathfield);
    };
    script.onerror = () => reject(new Error("MathLive did not load"));
    document.head.append(script);
  });
  return loading;
}

function setFormat(form, value) {
  const radio = form?.querySelector(`input[name="format"][value="${value}"]`);
  if (radio && !radio.checked) {
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

function createField(Mathfield, input) {
  const field = new Mathfield();
  field.className = "answer-mathfield";
  field.setAttribute("aria-label", input.labels?.[0]?.textContent.trim() || uiString("visual_editor"));
  field.mathVirtualKeyboardPolicy = "manual";
  field.value = input.value;
  field.addEventListener("input", () => {
    input.value = field.value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  // Enter submits, as in the text box (capture: before MathLive sees the key).
  field.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        event.stopPropagation();
        input.form?.requestSubmit();
      }
    },
    { capture: true },
  );
  input.after(field);
  return field;
}

function attach(button) {
  const input = document.getElementById(button.dataset.mathfieldFor);
  if (!input) return;
  let field = null;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const turningOn = button.getAttribute("aria-pressed") !== "true";
    if (!turningOn) {
      field.hidden = true;
      input.hidden = false;
      button.setAttribute("aria-pressed", "false");
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      const Mathfield = await loadMathLive(button.dataset.mathliveSrc);
      field ??= createField(Mathfield, input);
      field.hidden = false;
      input.hidden = true;
      setFormat(input.form, "latex");
      button.setAttribute("aria-pressed", "true");
      field.focus();
    } catch {
      button.hidden = true;
    } finally {
      button.disabled = false;
    }
  });
}

export function initMathfields(root) {
  root.querySelectorAll("[data-mathfield-toggle]").forEach(attach);
}
