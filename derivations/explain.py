"""Learner-facing wording of verdicts, in Japanese and English.

Public names: ``correct``, ``incorrect``, ``undetermined``, ``reference_unreadable``,
``bad_request``,
``format_value``, ``format_point``.
"""

from __future__ import annotations

from typing import Any

Messages = dict[str, str]


def format_value(value: float) -> str:
    """A value as shown to learners: 6 significant digits, or the shortest exact form.

    >>> format_value(0.25), format_value(0.015957691216)
    ('0.25', '0.015957691216')
    """
    short = f"{value:.6g}"
    return short if float(short) == value else repr(float(value))


def format_point(point: dict[str, float]) -> str:
    """``x = 0.5, y = -1.2``."""
    return ", ".join(f"{name} = {format_value(value)}" for name, value in point.items())


def correct(method: str, points: int) -> Messages:
    """Why an answer was accepted: proved, or agreed at ``points`` points."""
    if method == "symbolic":
        return {
            "en": "Correct: your expression equals the reference (proved symbolically).",
            "ja": "正解です。参照解と等しいことを記号計算で確かめました。",
        }
    return {
        "en": f"Correct: your expression agreed with the reference at {points} random points "
        "(re-checked to 30 digits); no symbolic proof was found in the time allowed.",
        "ja": f"正解です。{points} 個のランダムな点で参照解と一致しました（30 桁で再確認）。"
        "時間内に記号的な証明は得られませんでした。",
    }


def incorrect(counterexample: dict[str, Any] | None, diagnosis: dict | None) -> Messages:
    """Where the answer differs, plus the named mistake when there is one."""
    if counterexample is None:
        messages = {
            "en": "Not equal to the reference.",
            "ja": "参照解と一致しません。",
        }
    else:
        where = format_point(counterexample["point"]) or "(no variables)"
        mine = format_value(counterexample["answer_value"])
        right = format_value(counterexample["reference_value"])
        messages = {
            "en": f"Not equal to the reference: at {where} your expression gives {mine}, "
            f"but the right value is {right}.",
            "ja": f"参照解と一致しません。{where} のとき、あなたの式は {mine} ですが、"
            f"正しい値は {right} です。",
        }
        if mine == right:
            messages["en"] += " (The two differ beyond the 16th significant digit.)"
            messages["ja"] += "（2 つの値は有効数字 16 桁より先で異なります。）"
    if diagnosis is not None:
        messages = {
            lang: f"{text} {diagnosis['messages'][lang]}" for lang, text in messages.items()
        }
    return messages


_UNDETERMINED = {
    "few_points": {
        "en": "Could not decide: the two expressions are defined together at too few points "
        "to compare them (check square roots and logarithms of negative values).",
        "ja": "判定できませんでした。2 つの式が同時に定義される点が少なすぎて比較できません"
        "（負の数の平方根や対数がないか確認してください）。",
    },
    "not_evaluable": {
        "en": "Could not decide: the expression cannot be evaluated numerically and no "
        "symbolic proof was found in the time allowed.",
        "ja": "判定できませんでした。式を数値的に評価できず、時間内に記号的な証明も得られませんでした。",
    },
}
_TIMEOUT = {
    "en": "Could not decide in the time allowed: the expressions agreed at the sampled points "
    "but the evidence is not strong enough to call it correct.",
    "ja": "時間内に判定できませんでした。サンプル点では一致しましたが、正解と判断するには根拠が足りません。",
}


def undetermined(reason: str | None) -> Messages:
    """Why no verdict could be reached."""
    return dict(_UNDETERMINED.get(reason or "", _TIMEOUT))


def reference_unreadable(detail: str) -> Messages:
    """The reference or a definition (not the answer) could not be read."""
    return {
        "en": f"The reference answer or a definition cannot be read: {detail}",
        "ja": f"参照解または定義を読み取れません：{detail}",
    }


def bad_request(formats: tuple[str, ...]) -> Messages:
    """The call itself is malformed (not text, or an unknown format)."""
    names = ", ".join(formats)
    return {
        "en": f"The answer and the reference must be text, and the format one of: {names}.",
        "ja": f"解答と参照解は文字列で、形式は {names} のいずれかである必要があります。",
    }
