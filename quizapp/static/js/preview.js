// Live "we read your answer as ..." preview: the server's own parser reads the answer
// (POST /api/v1/preview → {latex, error?}) and KaTeX draws the LaTeX it returns.
// Markup expected:
//   <div data-preview data-preview-url="/api/v1/preview" data-preview-for="answer"
//        data-preview-format="text|numpy" data-preview-lines="1?"></div>
// The format follows the form's `format` radio buttons when present (text / latex).
import { renderTex } from "./math.js";
import { csrfToken, debounce, el, pageLanguage, uiString } from "./util.js";

const DELAY_MS = 250;
const MAX_LINES = 12;

function currentFormat(box, input) {
  const checked = input.form?.querySelector('input[name="format"]:checked');
  return checked ? checked.value : box.dataset.previewFormat || "text";
}

async function fetchPreview(url, text, format, signal) {
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
    body: JSON.stringify({ text, format, lang: pageLanguage() }),
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

function attach(box) {
  const input = document.getElementById(box.dataset.previewFor);
  if (!input) return;
  const multiline = box.dataset.previewLines === "many";
  let controller = null;

  const update = async () => {
    controller?.abort();
    controller = new AbortController();
    const raw = input.value;
    const texts = multiline
      ? raw.split("\n").map((line) => line.trim()).filter(Boolean).slice(0, MAX_LINES)
      : [raw.trim()].filter(Boolean);
    if (texts.length === 0) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const format = currentFormat(box, input);
    let results;
    try {
      results = await Promise.all(
        texts.map((text) => fetchPreview(box.dataset.previewUrl, text, format, controller.signal)),
      );
    } catch (error) {
      if (error.name === "AbortError") return;
      results = texts.map(() => ({ error: { message: uiString("preview_unavailable") } }));
    }
    const rows = texts.map((text, i) => renderResult(text, results[i]));
    const body = multiline ? el("ol", {}, rows.map((row) => el("li", {}, [row]))) : rows[0];
    const anyError = results.some((result) => result.error);
    box.classList.toggle("is-error", anyError);
    box.dataset.state = anyError ? "error" : "ok";
    box.replaceChildren(el("span", { className: "preview-label", text: uiString("we_read") }), body);
    box.hidden = false;
  };

  const scheduled = debounce(update, DELAY_MS);
  input.addEventListener("input", scheduled);
  input.form?.querySelectorAll('input[name="format"]').forEach((radio) => radio.addEventListener("change", scheduled));
  if (input.value.trim()) update();
}

export function initPreviews(root) {
  root.querySelectorAll("[data-preview]").forEach(attach);
}
