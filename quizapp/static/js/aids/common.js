// Shared by the aid pages: read the controls, fetch the aid's JSON, hand it to the page's
// draw function, show the server's message for a bad parameter. The figure element keeps
// data-state (loading | drawn | error) and data-draws (a counter) for tests and styling.
import { debounce } from "../util.js";

export const strings = JSON.parse(document.getElementById("aid-strings")?.textContent || "{}");
export const figure = document.getElementById("aid-figure");

const form = document.getElementById("aid-form");
const problem = document.getElementById("aid-problem");

function showProblem(text) {
  problem.textContent = text;
  problem.hidden = !text;
}

function showOutputs() {
  form.querySelectorAll("output").forEach((out) => {
    const input = document.getElementById(out.htmlFor.value);
    if (input) out.value = input.value;
  });
}

// Show each field of `table` (field → values of the select `name` that use it) only when
// the select holds one of those values.
export function showFieldsFor(name, table) {
  const chosen = form.elements[name]?.value;
  for (const [field, owners] of Object.entries(table)) {
    const box = form.querySelector(`[data-field="${field}"]`);
    if (box) box.hidden = !owners.includes(chosen);
  }
}

// Number formatting shared by the readouts: 3 significant digits, exponent when tiny/huge.
export function fmt(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const size = Math.abs(value);
  return size !== 0 && (size < 1e-3 || size >= 1e5) ? value.toExponential(digits - 1) : String(Number(value.toPrecision(digits)));
}

export function plotWidth(element) {
  return Math.max(260, Math.min(900, element.clientWidth || 640));
}

// Keep a uPlot chart as wide as its holder when the window changes size.
export function followWidth(holder, getChart) {
  const resize = debounce(() => {
    const chart = getChart();
    if (chart) chart.setSize({ width: plotWidth(holder), height: chart.height });
  }, 150);
  window.addEventListener("resize", resize);
}

export function initAid(draw, onChange = () => {}) {
  let latest = 0;
  async function update() {
    showOutputs();
    onChange();
    const query = new URLSearchParams(new FormData(form));
    const ticket = ++latest;
    figure.dataset.state = "loading";
    let response;
    try {
      response = await fetch(`${form.dataset.endpoint}?${query}`, { headers: { Accept: "application/json" } });
    } catch {
      if (ticket === latest) {
        figure.dataset.state = "error";
        showProblem(strings.error);
      }
      return;
    }
    const body = await response.json().catch(() => null);
    if (ticket !== latest) return; // a newer request is on its way
    if (!response.ok || !body || body.error) {
      figure.dataset.state = "error";
      showProblem(body?.error?.message ?? strings.error);
      return;
    }
    showProblem("");
    history.replaceState(null, "", `${location.pathname}?${query}`);
    draw(body);
    figure.dataset.state = "drawn";
    figure.dataset.draws = String(Number(figure.dataset.draws) + 1);
  }
  const later = debounce(update, 120);
  form.addEventListener("input", () => {
    showOutputs();
    later();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  update();
}
