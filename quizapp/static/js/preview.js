// Live "we read your answer as ..." preview: the server's own parser reads the answer
// (POST /api/v1/preview → {latex, error?}) and KaTeX draws the LaTeX it returns.
// Markup expected:
//   <div data-preview data-preview-url="/api/v1/preview" data-preview-for="answer"
//        data-preview-lines="many"? data-preview-context='{"variables": [...], "definitions": {...}}'?>
// The format follows the form's `format` radio buttons (text / latex). A multi-line answer
// previews the line the caret is on (one request per update).
import { renderTex } from "./math.js";
import { csrfToken, debounce, el, pageLanguage, uiString } from "./util.js";

const DELAY_MS = 250;

function currentFormat(box, input) {
  const checked = input.form?.querySelector('input[name="format"]:checked');
  return checked ? checked.value : box.dataset.previewFormat || "text";
}

async function fetchPreview(url, text, format, context, signal) {
  const response = await fetch(url, {
    method: "POST",
    signal,
    credentials: "same-origin",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      "Accept-Language": pageLanguage(),
      "X-CSRFToken": csrfToken(),
    },
    body: JSON.stringify({ ...context, text, format }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok && !body.error) {
    return { error: { message: body.message || uiString("preview_unavailable") } };
  }
  return body;
}

function normaliseError(error) {
  if (typeof error === "string") return { message: error, span: null };
  const span = error.span ?? (error.start != null ? [error.start, error.end] : null);
  return { message: error.message ?? String(error), span };
}

// The source text with the offending span wrapped in <mark>.
function highlightedSource(text, span) {
  const source = el("span", { className: "preview-source" });
  if (!span || span.length !== 2) {
    source.textContent = text;
    return source;
  }
  const [start, end] = [Math.max(0, span[0]), Math.min(text.length, Math.max(span[1], span[0] + 1))];
  source.append(text.slice(0, start), el("mark", { text: text.slice(start, end) || " " }), text.slice(end));
  return source;
}

function renderResult(text, result) {
  const row = el("div", { className: "preview-row" });
  if (result.error) {
    const { message, span } = normaliseError(result.error);
    row.append(el("span", { className: "preview-message", text: message }), el("br"), highlightedSource(text, span));
    row.dataset.state = "error";
  } else {
    const math = el("span", { className: "preview-math" });
    renderTex(result.latex ?? "", math, { display: false });
    row.append(math);
    row.dataset.state = "ok";
  }
  return row;
}

// The text to preview: the whole answer, or the caret's line of a multi-line answer.
function previewedText(input, multiline) {
  if (!multiline) return { text: input.value.trim(), line: null };
  const before = input.value.slice(0, input.selectionStart ?? input.value.length);
  const index = before.split("\n").length - 1;
  return { text: (input.value.split("\n")[index] ?? "").trim(), line: index + 1 };
}

function attach(box) {
  const input = document.getElementById(box.dataset.previewFor);
  if (!input) return;
  const multiline = box.dataset.previewLines === "many";
  const context = JSON.parse(box.dataset.previewContext || "{}");
  let controller = null;
  let shown = null;

  const update = async () => {
    const { text, line } = previewedText(input, multiline);
    const format = currentFormat(box, input);
    const key = `${format}\u0000${line}\u0000${text}`;
    if (key === shown) return;
    shown = key;
    controller?.abort();
    controller = new AbortController();
    if (!text) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    let result;
    try {
      result = await fetchPreview(box.dataset.previewUrl, text, format, context, controller.signal);
    } catch (error) {
      if (error.name === "AbortError") return;
      result = { error: { message: uiString("preview_unavailable") } };
    }
    const label = line ? `${uiString("we_read")} (${uiString("line")} ${line})` : uiString("we_read");
    box.classList.toggle("is-error", Boolean(result.error));
    box.dataset.state = result.error ? "error" : "ok";
    box.replaceChildren(el("span", { className: "preview-label", text: label }), renderResult(text, result));
    box.hidden = false;
  };

  const scheduled = debounce(update, DELAY_MS);
  input.addEventListener("input", scheduled);
  if (multiline) {
    input.addEventListener("keyup", scheduled);
    input.addEventListener("click", scheduled);
  }
  input.form?.querySelectorAll('input[name="format"]').forEach((radio) =>
    radio.addEventListener("change", () => {
      shown = null;
      scheduled();
    }),
  );
  if (input.value.trim()) update();
}

export function initPreviews(root) {
  root.querySelectorAll("[data-preview]").forEach(attach);
}
