"""Public entry points: judge a backprop formula against a preset network, or one
NumPy-dialect expression against another.

Pipeline: parse (whitelist) → infer shapes (caps) → evaluate on ``DRAWS`` independent
random draws → compare with the truth → diagnose a named mistake. For a preset the last
draw uses the preset's ``other_batch``, so a batch size typed as a number (``/ 7`` for
``/ N``) is wrong there; shapes are inferred again for that draw's shapes. Learner text is only
ever walked as an ``ast`` tree; nothing is executed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.formula.compare import TOLERANCE, all_finite, worst_error
from engine.formula.constructs import construct_name
from engine.formula.diagnose import Evidence, activation_pairs, diagnose
from engine.formula.errors import FormulaError, FormulaRequestError
from engine.formula.evaluate import Values, evaluate
from engine.formula.functions import NEEDS_POSITIVE
from engine.formula.hints import shape_hint
from engine.formula.messages import Localized, join, message, sentence_start
from engine.formula.nodes import Binary, Call, Node, Number, names_in, walk
from engine.formula.parse import parse_formula
from engine.formula.shapes import Shape, infer_shape
from engine.formula.verdict import FormulaVerdict
from engine.presets import PRESETS, Preset, get_preset

DRAWS = 3
DEFAULT_SEED = 20240601  # seed=None still gives reproducible verdicts


@dataclass(frozen=True)
class Task:
    """What an answer is judged against: allowed names, the target's shape, ``draw()``
    giving the random draws with the truth on each (called only for a well-formed
    answer), and how messages name the target."""

    env: Mapping[str, Shape]
    target_shape: Shape
    draw: Callable[[], tuple[Sequence[Values], Sequence[np.ndarray]]]
    label: Localized
    target: str | None = None
    reserved: frozenset[str] = frozenset()
    batch_name: str | None = None


def check_formula(
    network: str | Preset, target: str, answer: str, *, seed: int | None = None, lang: str = "en"
) -> FormulaVerdict:
    """Judge ``answer`` as the formula of ``target`` (e.g. ``dW1``) in a preset network.

    The answer may use the preset's names plus the targets upstream of ``target``, which
    hold their true values. Raises ``FormulaRequestError`` for an unknown network or target.
    """
    preset = network if isinstance(network, Preset) else _preset(network)
    if target not in preset.targets:
        raise FormulaRequestError(
            message(
                "unknown_target",
                target=target,
                network=preset.name,
                known=", ".join(preset.targets),
            )
        )
    env = dict(preset.shapes) | {u: preset.target_shapes[u] for u in preset.upstream[target]}
    scalars = [name for name, shape in preset.shapes.items() if shape == ()]

    def draw() -> tuple[list[Values], list[np.ndarray]]:
        rng = np.random.default_rng(DEFAULT_SEED if seed is None else seed)
        batches = [preset.batch] * (DRAWS - 1) + [preset.other_batch]
        draws = [preset.sample(rng, batch) for batch in batches]
        return draws, [np.asarray(d[target], dtype=np.float64) for d in draws]

    task = Task(
        env=env,
        target_shape=tuple(preset.target_shapes[target]),
        draw=draw,
        label={"en": f"`{target}`", "ja": f"`{target}`"},
        target=target,
        reserved=frozenset(preset.targets) - set(env),
        batch_name=scalars[0] if scalars else None,
    )
    return judge(answer, task, lang)


def check_array_expression(
    answer: str,
    reference: str,
    *,
    shapes: Mapping[str, tuple[int, ...]],
    seed: int | None = None,
    lang: str = "en",
) -> FormulaVerdict:
    """Judge ``answer`` against the NumPy-dialect ``reference`` over random arrays of the
    given ``shapes`` (names inside ``np.log``/``np.sqrt``/fractional powers of the
    reference are drawn positive). Raises ``FormulaRequestError`` for a bad reference."""
    env = {name: tuple(shape) for name, shape in shapes.items()}
    try:
        reference_tree = parse_formula(reference, names=env)
        reference_shape = infer_shape(reference_tree, env)
    except FormulaError as error:
        raise FormulaRequestError(_error_message(error, reference)) from None
    positive = positive_names(reference_tree)

    def draw() -> tuple[list[Values], list[np.ndarray]]:
        rng = np.random.default_rng(DEFAULT_SEED if seed is None else seed)
        draws = [
            {
                n: rng.uniform(0.5, 2.0, s) if n in positive else rng.standard_normal(s)
                for n, s in env.items()
            }
            for _ in range(DRAWS)
        ]
        truths = [evaluate(reference_tree, d) for d in draws]
        if not all_finite(truths):
            raise FormulaRequestError(message("reference_not_finite", reference=reference))
        return draws, truths

    label = {"en": "the reference", "ja": "模範解答"}
    task = Task(env=env, target_shape=reference_shape, draw=draw, label=label)
    return judge(answer, task, lang)


def judge(answer: str, task: Task, lang: str) -> FormulaVerdict:
    """Parse, shape-check, evaluate, compare and diagnose ``answer`` for ``task``."""
    if lang not in ("ja", "en") or not isinstance(answer, str):
        raise FormulaRequestError(message("bad_request", lang=repr(lang)))
    try:
        tree = parse_formula(answer, names=task.env, target=task.target, reserved=task.reserved)
    except FormulaError as error:
        return _invalid(error, answer, lang)
    try:
        shape = infer_shape(tree, task.env)
    except FormulaError as error:
        extra = [
            message("target_shape", target=sentence_start(task.label), shape=task.target_shape)
        ]
        hint = shape_hint(tree, error, task.env, task.target_shape, answer)
        extra += [message("hint_fix", fix=hint)] if hint else []
        return _invalid(error, answer, lang, *extra, target_shape=task.target_shape)
    return _judge_values(tree, shape, task, answer, lang)


def _judge_values(tree: Node, shape: Shape, task: Task, answer: str, lang: str) -> FormulaVerdict:
    """Evaluate a well-formed answer on the draws: correct, or incorrect with a diagnosis."""
    draws, truths = task.draw()
    try:
        for values in draws:
            infer_shape(tree, {name: np.shape(values[name]) for name in task.env})
    except FormulaError as error:
        return _invalid(error, answer, lang)
    answers = [evaluate(tree, d) for d in draws]
    error = worst_error(answers, truths)
    fields = {"relative_error": error, "answer_shape": shape, "target_shape": task.target_shape}
    if shape == task.target_shape and error <= TOLERANCE:
        text = message("correct", target=task.label, draws=len(draws), error=error)
        return _verdict("correct", text, lang, **fields)
    if shape != task.target_shape:
        text = message(
            "wrong_shape", target=task.label, answer_shape=shape, target_shape=task.target_shape
        )
    else:
        text = message("wrong_value", target=task.label, error=error)
    if not all_finite(answers):
        return _incorrect(("non_finite", {}), text, lang, **fields)
    evidence = Evidence(
        tree=tree,
        env=task.env,
        draws=draws,
        answers=answers,
        truths=truths,
        target=task.label,
        batch_name=task.batch_name,
        pairs=activation_pairs(draws[0]),
    )
    return _incorrect(diagnose(evidence), text, lang, **fields)


def positive_names(tree: Node) -> set[str]:
    """Names that appear under ``np.log``/``np.sqrt`` or a fractional power."""
    positive: set[str] = set()
    for node in walk(tree):
        if isinstance(node, Call) and node.func in NEEDS_POSITIVE:
            positive |= names_in(node.args[0])
        fractional = isinstance(node, Binary) and node.op == "**" and isinstance(node.right, Number)
        if fractional and node.right.value != int(node.right.value):
            positive |= names_in(node.left)
    return positive


def _preset(name: str) -> Preset:
    if name not in PRESETS:
        raise FormulaRequestError(
            message("unknown_network", network=name, known=", ".join(sorted(PRESETS)))
        )
    return get_preset(name)


def _error_message(error: FormulaError, text: str) -> Localized:
    params: dict[str, Any] = dict(error.params)
    if error.span is not None:
        params["text"] = text[error.span[0] : error.span[1]]
    if "construct" in params:
        params["construct"] = construct_name(params["construct"], params.get("name", ""))
    if params.get("hint"):
        params["hint"] = message("hint_fix", fix=f"{params['hint']}(...)")
    elif "hint" in params:
        params["hint"] = ""
    return message(error.code, **params)


def _invalid(
    error: FormulaError, answer: str, lang: str, *extra: Localized, **fields: Any
) -> FormulaVerdict:
    text = join(_error_message(error, answer), *extra)
    return _verdict("invalid", text, lang, span=error.span, reason=error.code, **fields)


def _incorrect(
    found: tuple[str, dict[str, Any]] | None, text: Localized, lang: str, **fields: Any
) -> FormulaVerdict:
    diagnosis = None
    if found is not None:
        code, params = found
        diagnosis = {"code": code, "messages": message(code, **params)}
        diagnosis["message"] = diagnosis["messages"][lang]
        text = join(text, diagnosis["messages"])
    return _verdict("incorrect", text, lang, diagnosis=diagnosis, **fields)


def _verdict(verdict: str, text: Localized, lang: str, **fields: Any) -> FormulaVerdict:
    return FormulaVerdict(verdict=verdict, message=text[lang], messages=text, **fields)
