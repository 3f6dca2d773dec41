// Loss surface of one sigmoid neuron: the loss grid from the server drawn as a heat map
// with contour lines (pixels where the contour level changes), the gradient-descent path
// in white up to the chosen step, axes for w (horizontal) and b (vertical).
import { figure, fmt, initAid, strings } from "./common.js";

const canvas = document.getElementById("aid-canvas");
const slider = document.getElementById("aid-step");
const play = document.getElementById("aid-play");
const readout = document.getElementById("aid-step-readout");
const dataset = document.getElementById("aid-dataset");
const ctx = canvas.getContext("2d");
const M = { left: 46, right: 12, top: 12, bottom: 40 };
// dark blue (low loss) → teal → yellow (high loss)
const PALETTE = [[13, 8, 135], [40, 80, 170], [32, 146, 140], [94, 201, 98], [253, 231, 37]];
let surface = null;
let background = null;
let timer = 0;

const plotW = () => canvas.width - M.left - M.right;
const plotH = () => canvas.height - M.top - M.bottom;

function colour(t) {
  const x = Math.min(Math.max(t, 0), 1) * (PALETTE.length - 1);
  const i = Math.min(Math.floor(x), PALETTE.length - 2);
  const f = x - i;
  return PALETTE[i].map((c, k) => Math.round(c + f * (PALETTE[i + 1][k] - c)));
}

// Loss at fractional grid position (gx along w, gy along b), bilinear.
function lossAt(grid, gx, gy) {
  const n = grid.length - 1;
  const i = Math.min(Math.floor(gy), n - 1);
  const j = Math.min(Math.floor(gx), n - 1);
  const fy = gy - i;
  const fx = gx - j;
  const top = grid[i][j] * (1 - fx) + grid[i][j + 1] * fx;
  const bottom = grid[i + 1][j] * (1 - fx) + grid[i + 1][j + 1] * fx;
  return top * (1 - fy) + bottom * fy;
}

function paintSurface(data) {
  const width = plotW();
  const height = plotH();
  const image = ctx.createImageData(width, height);
  const n = data.loss.length - 1;
  const logMin = Math.log(data.min);
  const logSpan = Math.log(data.max) - logMin || 1;
  const band = new Int16Array(width * height);
  for (let py = 0; py < height; py++) {
    const gy = (1 - py / (height - 1)) * n; // b grows upwards
    for (let px = 0; px < width; px++) {
      const value = lossAt(data.loss, (px / (width - 1)) * n, gy);
      const [r, g, b] = colour((Math.log(value) - logMin) / logSpan);
      const k = py * width + px;
      band[k] = data.levels.filter((level) => level <= value).length;
      image.data.set([r, g, b, 255], 4 * k);
    }
  }
  for (let k = 0; k < width * height; k++) {
    const right = k % width < width - 1 && band[k + 1] !== band[k];
    const below = k + width < width * height && band[k + width] !== band[k];
    if (right || below) image.data.set([20, 20, 30, 255], 4 * k);
  }
  return image;
}

const toX = (w) => M.left + ((w - surface.ws[0]) / (surface.ws.at(-1) - surface.ws[0])) * plotW();
const toY = (b) => M.top + (1 - (b - surface.bs[0]) / (surface.bs.at(-1) - surface.bs[0])) * plotH();

function drawAxes() {
  ctx.fillStyle = "#1d2430";
  ctx.font = "12px sans-serif";
  ctx.textAlign = "center";
  for (const w of [-6, -4, -2, 0, 2, 4, 6]) ctx.fillText(String(w), toX(w), canvas.height - M.bottom + 16);
  ctx.fillText(strings.w, M.left + plotW() / 2, canvas.height - 6);
  ctx.textAlign = "right";
  for (const b of [-6, -4, -2, 0, 2, 4, 6]) ctx.fillText(String(b), M.left - 6, toY(b) + 4);
  ctx.fillText(strings.b, 14, M.top + plotH() / 2);
}

function drawPath(upTo) {
  ctx.putImageData(background, M.left, M.top);
  const path = surface.path.slice(0, upTo + 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(M.left, M.top, plotW(), plotH());
  ctx.clip();
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = 2;
  ctx.beginPath();
  path.forEach((p, k) => (k ? ctx.lineTo(toX(p.w), toY(p.b)) : ctx.moveTo(toX(p.w), toY(p.b))));
  ctx.stroke();
  for (const [p, fill] of [[path[0], "#ffffff"], [path.at(-1), "#f0a500"]]) {
    ctx.beginPath();
    ctx.arc(toX(p.w), toY(p.b), 5, 0, 2 * Math.PI);
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
  const p = path.at(-1);
  const outside = Math.abs(p.w) > 6 || Math.abs(p.b) > 6;
  readout.textContent =
    `${strings.step} ${upTo} ${strings.of} ${surface.path.length - 1}: ` +
    `w = ${fmt(p.w)}, b = ${fmt(p.b)}, ${strings.loss} = ${fmt(p.loss, 4)}` +
    (outside ? ` — ${strings.diverged}` : "");
  figure.dataset.step = String(upTo);
  figure.dataset.loss = String(p.loss);
}

function stop() {
  window.clearInterval(timer);
  timer = 0;
  play.textContent = strings.play;
}

function draw(data) {
  stop();
  surface = data;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  background = paintSurface(data);
  drawAxes();
  slider.max = String(data.path.length - 1);
  slider.value = slider.max;
  drawPath(data.path.length - 1);
  dataset.textContent = `${strings.dataset} ${data.data.x.map((x, k) => `${x} → ${data.data.t[k]}`).join(", ")}`;
}

slider.addEventListener("input", () => surface && drawPath(Number(slider.value)));
// A click on the map moves the start point there (through the w0/b0 sliders).
canvas.addEventListener("click", (event) => {
  if (!surface) return;
  const box = canvas.getBoundingClientRect();
  const px = ((event.clientX - box.left) * canvas.width) / box.width;
  const py = ((event.clientY - box.top) * canvas.height) / box.height;
  const span = surface.ws.at(-1) - surface.ws[0];
  const w = surface.ws[0] + ((px - M.left) / plotW()) * span;
  const b = surface.bs[0] + (1 - (py - M.top) / plotH()) * span;
  if (Math.abs(w) > 6 || Math.abs(b) > 6) return;
  for (const [name, value] of [["w0", w], ["b0", b]]) {
    document.getElementById(`aid-${name}`).value = value.toFixed(1);
  }
  document.getElementById("aid-form").dispatchEvent(new Event("input"));
});
play.addEventListener("click", () => {
  if (!surface) return;
  if (timer) return stop();
  play.textContent = strings.pause;
  let step = Number(slider.value) >= Number(slider.max) ? 0 : Number(slider.value);
  timer = window.setInterval(() => {
    slider.value = String(step);
    drawPath(step);
    if (++step > Number(slider.max)) stop();
  }, 60);
});

initAid(draw);
