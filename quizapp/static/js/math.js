// Render TeX with the vendored KaTeX; leave the readable TeX text when KaTeX is missing.
// trust is off (no \href, \url, \htmlClass, ...), a fresh macros object per call keeps a
// learner's \gdef from leaking into other math, and expansion/size limits stop abuse.
// throwOnError is on because KaTeX's own error markup uses a style attribute, which our
// Content-Security-Policy blocks; we show the TeX text with the `math-error` class instead.

const KATEX_OPTIONS = Object.freeze({
  throwOnError: true,
  trust: false,
  strict: "ignore",
  maxExpand: 200,
  maxSize: 20,
  output: "htmlAndMathml",
});

export function katexAvailable() {
  return typeof window.katex?.render === "function";
}

// Draw `tex` into `element`; returns true when KaTeX drew it.
export function renderTex(tex, element, { display = false } = {}) {
  if (!katexAvailable()) {
    element.textContent = tex;
    return false;
  }
  try {
    window.katex.render(tex, element, { ...KATEX_OPTIONS, displayMode: display, macros: {} });
    return true;
  } catch (error) {
    element.textContent = tex;
    element.classList.add("math-error");
    element.title = error.message ?? "";
    return false;
  }
}

// Render every `.math` element below `root` that has not been rendered yet.
export function renderMathIn(root) {
  for (const element of root.querySelectorAll(".math:not([data-rendered])")) {
    const tex = element.textContent;
    element.dataset.tex = tex;
    if (renderTex(tex, element, { display: element.classList.contains("math-display") })) {
      element.dataset.rendered = "1";
    }
  }
}
