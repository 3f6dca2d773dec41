// Small helpers shared by the page modules.

// UI strings for scripts, written by base.html as <script type="application/json" id="ui-strings">.
let strings = null;
export function uiString(key) {
  if (strings === null) {
    const block = document.getElementById("ui-strings");
    strings = block ? JSON.parse(block.textContent) : {};
  }
  return strings[key] ?? key;
}

export function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.content ?? "";
}

export function pageLanguage() {
  return document.documentElement.lang || "ja";
}

export function debounce(fn, delayMs) {
  let timer = 0;
  return (...args) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => fn(...args), delayMs);
  };
}

// Build an element with text content only (never HTML).
export function el(tag, { className = "", text = "" } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  for (const child of children) node.append(child);
  return node;
}
