// Mock exam page: count down the server's remaining time, save each answer as JSON the
// moment it is given (same client_answer_id on a retry, so a retry is stored once), and
// reload when the time is up so that the server shows the result.
import { csrfToken } from "./util.js";

const RETRY_MS = 2000;
const MAX_TRIES = 5;

function startTimer(node) {
  const total = Number(node.dataset.remaining || "0");
  const started = performance.now();
  const tick = () => {
    const left = Math.max(0, Math.round(total - (performance.now() - started) / 1000));
    const minutes = Math.floor(left / 60);
    node.textContent = `${minutes}:${String(left % 60).padStart(2, "0")}`;
    if (left <= 0) {
      node.textContent = node.dataset.expired || "0:00";
      window.setTimeout(() => window.location.reload(), 1500);
      return;
    }
    window.setTimeout(tick, 1000);
  };
  tick();
}

function newClientId(form) {
  const position = form.elements.position.value;
  const random = crypto.getRandomValues(new Uint32Array(2)).join("");
  return `${position}-${Date.now()}-${random}`.slice(0, 64);
}

function answerValue(form) {
  const field = form.elements.answer;
  if (field instanceof RadioNodeList) return field.value;
  return field ? field.value : "";
}

function countAnswered() {
  const node = document.getElementById("exam-answered");
  if (node) node.textContent = String(document.querySelectorAll(".exam-answer[data-has-answer]").length);
}

async function save(form, clientId, tries = 1) {
  const status = form.querySelector(".save-status");
  status.textContent = form.dataset.saving;
  const body = {
    position: Number(form.elements.position.value),
    answer: answerValue(form),
    client_answer_id: clientId,
  };
  let response;
  try {
    response = await fetch(form.action, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    status.textContent = form.dataset.retry;
    if (tries < MAX_TRIES) window.setTimeout(() => save(form, clientId, tries + 1), RETRY_MS);
    return;
  }
  const data = await response.json().catch(() => ({}));
  if (response.ok) {
    status.textContent = form.dataset.saved;
    form.dataset.hasAnswer = "1";
    countAnswered();
    return;
  }
  status.textContent = data.error?.message || String(response.status);
  if (response.status === 409) window.setTimeout(() => window.location.reload(), 1500);
}

function initForm(form) {
  if (form.querySelector(".save-status")?.textContent.trim()) form.dataset.hasAnswer = "1";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save(form, newClientId(form));
  });
  form.querySelectorAll('input[type="radio"]').forEach((radio) => {
    radio.addEventListener("change", () => save(form, newClientId(form)));
  });
}

const timer = document.getElementById("exam-timer");
if (timer) startTimer(timer);
document.querySelectorAll("form.exam-answer").forEach(initForm);
countAnswered();
