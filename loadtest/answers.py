"""What simulated learners send: a benign mix (text 70 %, LaTeX 20 %, matrix 10 %, right
and wrong answers alike) and the hostile list of reference/hostile-inputs.md §5 A/B."""

from __future__ import annotations

import random
from dataclasses import dataclass

SIGMOID = "basics-sigmoid-scaled-deriv"
GRADIENT = "basics-two-layer-dw1"
CODE = "basics-affine-db-code"
NUMERIC = "basics-affine-param-count"
CHOICE = "basics-tanh-deriv-choice"


@dataclass(frozen=True)
class Answer:
    question_id: str
    answer: str
    format: str = "text"
    seed: int = 0
    kind: str = "text"  # text | latex | matrix | hostile


TEXT = [
    Answer(SIGMOID, f"{a}*sigmoid({a}*x)*(1 - sigmoid({a}*x))", seed=s)
    for s, a in enumerate((2, 3, 4, 5))
] + [
    Answer(SIGMOID, "sigmoid(2*x)*(1 - sigmoid(2*x))"),
    Answer(SIGMOID, "2*exp(-2*x)/(1 + exp(-2*x))^2", seed=1),
    Answer(SIGMOID, "3*sigmoid(3*x)*(1 - 3*x)", seed=2),
    Answer(SIGMOID, "ｓｉｇｍｏｉｄ（２ｘ）×（１−ｓｉｇｍｏｉｄ（２ｘ））", seed=3),
    Answer(NUMERIC, "40", seed=1),
    Answer(NUMERIC, "36", seed=2),
    Answer(CHOICE, "a", seed=4),
    Answer(CHOICE, "c", seed=5),
]
LATEX = [
    Answer(SIGMOID, r"\frac{2 e^{-2x}}{(1+e^{-2x})^{2}}", "latex", 0, "latex"),
    Answer(SIGMOID, r"3\sigma(3x)\left(1-\sigma(3x)\right)", "latex", 1, "latex"),
    Answer(SIGMOID, r"\sigma(4x)(1-\sigma(4x))", "latex", 2, "latex"),
]
MATRIX = [
    Answer(GRADIENT, "x.T @ da1", kind="matrix"),
    Answer(GRADIENT, "x.T @ dz1", kind="matrix"),
    Answer(GRADIENT, "da1 @ x.T", kind="matrix"),
    Answer(CODE, "np.sum(dout, axis=0)", kind="matrix"),
    Answer(CODE, "np.mean(dout, axis=0)", kind="matrix"),
]
HOSTILE_TEXTS = [
    "__import__('os').system('id')",
    "().__class__.__base__.__subclasses__()",
    "(lambda: 1)()",
    "[x for x in range(10**9)]",
    "'a'*10**9",
    "x.__dict__",
    "eval(x)",
    "__ｉｍｐｏｒｔ__('os')",
    "x\u202e+1",
    "(" * 5000 + "x" + ")" * 5000,
    "-" * 100000 + "4",
    "9" * 100000,
    "9**9**9**9",
    "(((9**64)**64)**64)**64",
    "3999999**3999999",
    "factorial(10**9)",
    "expand((x+1)**20000)",
    "2**(2**40)",
    "exp(exp(exp(exp(x))))",
    "z",
]
HOSTILE = [Answer(SIGMOID, text, kind="hostile") for text in HOSTILE_TEXTS] + [
    Answer(SIGMOID, r"\frac{" * 200 + "x" + "}{2}" * 200, "latex", kind="hostile"),
    Answer(SIGMOID, r"9^{9^{9}}", "latex", kind="hostile"),
    Answer(SIGMOID, r"\operatorname{__import__}(x)", "latex", kind="hostile"),
    Answer(GRADIENT, "np.ones(10**12)", kind="hostile"),
    Answer(GRADIENT, "x.T @ da1 ** 1000", kind="hostile"),
]


def pick(rng: random.Random, hostile_share: float = 0.0) -> Answer:
    """One answer: hostile with probability ``hostile_share``, else 70/20/10 text/LaTeX/matrix."""
    if hostile_share and rng.random() < hostile_share:
        return rng.choice(HOSTILE)
    roll = rng.random()
    pool = TEXT if roll < 0.7 else LATEX if roll < 0.9 else MATRIX
    return rng.choice(pool)
