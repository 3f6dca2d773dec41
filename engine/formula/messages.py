"""Every learner-facing sentence of the formula checker, in Japanese and English (the
names of forbidden constructs are in ``engine.formula.constructs``).

``message(code, **params)`` returns ``{"ja": ..., "en": ...}``. Parameters that are shapes
are printed the NumPy way (``(4, 5)``); a parameter may itself be ``{"ja", "en"}``.
"""

from __future__ import annotations

from typing import Any

Localized = dict[str, str]

# code -> (en, ja)
TEMPLATES: dict[str, tuple[str, str]] = {
    # ---- why the formula cannot be judged (verdict "invalid")
    "too_long": (
        "The formula is too long ({length} characters; at most {limit}).",
        "数式が長すぎます（{length} 文字。上限は {limit} 文字）。",
    ),
    "bad_character": (
        "Character {char} (position {position}) cannot appear in a formula; use ASCII letters, digits and operators.",
        "{position} 文字目の {char} は数式に使えません。半角の英数字と演算子で書いてください。",
    ),
    "empty": ("The formula is empty.", "数式が空です。"),
    "wrong_left_side": (
        "The left side names `{name}`, but this question asks for `{target}`.",
        "左辺が `{name}` になっていますが、この問題で求めるのは `{target}` です。",
    ),
    "unbalanced": (
        "The bracket `{bracket}` has no partner.",
        "括弧 `{bracket}` の対応が取れていません。",
    ),
    "latex": (
        "This looks like LaTeX; write the formula in NumPy notation (@, .T, *, /, np.sum(...)).",
        "LaTeX のようです。NumPy の記法（@、.T、*、/、np.sum(...) など）で書いてください。",
    ),
    "max_of_two": (
        "np.max(a, b) takes the maximum along an axis of one array; for the larger of two values use np.maximum(a, b).",
        "np.max(a, b) は 1 つの配列の軸方向の最大です。2 つの値の大きい方は np.maximum(a, b) を使ってください。",
    ),
    "syntax": (
        "This cannot be read as a NumPy formula; check the text near position {position}.",
        "NumPy の式として読めません。{position} 文字目付近を確認してください。",
    ),
    "too_many_nodes": (
        "The formula has too many parts (at most {limit}).",
        "数式の要素が多すぎます（上限 {limit}）。",
    ),
    "too_deep": (
        "The formula is nested too deeply (at most {limit} levels).",
        "数式の入れ子が深すぎます（上限 {limit} 段）。",
    ),
    "private_name": (
        "`{name}` is not allowed: names starting with an underscore are never used in formulas.",
        "`{name}` は使えません。アンダースコアで始まる名前は数式では使いません。",
    ),
    "forbidden": (
        "{construct} is not allowed in a formula.",
        "数式では{construct}は使えません。",
    ),
    "number_too_large": (
        "This number is too large (at most {limit:g} in absolute value).",
        "数値が大きすぎます（絶対値 {limit:g} まで）。",
    ),
    "not_upstream": (
        "`{name}` cannot be used in the answer for `{target}`: it is not computed before `{target}` in backpropagation.",
        "`{target}` の解答には `{name}` を使えません。逆伝播で `{target}` より前に求まる値ではありません。",
    ),
    "function_not_called": (
        "`{name}` is a function: call it with parentheses, e.g. `{name}(...)`.",
        "`{name}` は関数です。`{name}(...)` のように括弧を付けて呼び出してください。",
    ),
    "unknown_name": (
        "Unknown name `{name}`. Names you can use: {allowed}.",
        "`{name}` という名前はありません。使える名前: {allowed}。",
    ),
    "exponent_not_number": (
        "An exponent must be a plain number such as 2 or 0.5.",
        "指数には 2 や 0.5 のような数値を書いてください。",
    ),
    "exponent_too_large": (
        "This exponent is too large (at most {limit} in absolute value).",
        "指数が大きすぎます（絶対値 {limit} まで）。",
    ),
    "unknown_function": (
        "The function `{name}` is not available in formulas.{hint}",
        "関数 `{name}` は数式では使えません。{hint}",
    ),
    "argument_count": (
        "`{name}` takes {expected} argument(s) here, but {given} were given.",
        "`{name}` の引数は {expected} 個ですが、{given} 個書かれています。",
    ),
    "bad_keyword": (
        "The keyword `{name}=` is not allowed; only {allowed}.",
        "キーワード `{name}=` は使えません。使えるのは {allowed} だけです。",
    ),
    "no_keywords": (
        "This function takes no keyword arguments (`{name}=`).",
        "この関数にはキーワード引数（`{name}=`）を付けられません。",
    ),
    "bad_keepdims": (
        "keepdims must be True or False.",
        "keepdims には True か False を指定してください。",
    ),
    "bad_axis": (
        "axis must be a whole number or a tuple of different whole numbers.",
        "axis には整数、または重複のない整数のタプルを指定してください。",
    ),
    "bad_shape_index": (
        "Only a whole number may go inside `.shape[...]`, as in x.shape[0].",
        "`.shape[...]` の中には x.shape[0] のように整数だけを書けます。",
    ),
    "shape_index_range": (
        "`{text}`: `{name}` has {ndim} dimension(s), so there is no .shape[{index}].",
        "`{text}`: `{name}` は {ndim} 次元なので .shape[{index}] はありません。",
    ),
    "bad_astype": (
        "`.astype(...)` takes only float (or np.float64): every value here is already a float.",
        "`.astype(...)` に書けるのは float（または np.float64）だけです。ここでの値はすべて浮動小数点数です。",
    ),
    "axis_range": (
        "axis={axis} does not exist for an array with {ndim} dimension(s).",
        "{ndim} 次元の配列に axis={axis} はありません。",
    ),
    "broadcast": (
        "`{text}`: shapes {shapes} cannot be combined element by element.",
        "`{text}`: 形状 {shapes} どうしは要素ごとの演算ができません。",
    ),
    "matmul": (
        "`{text}`: {left} @ {right} cannot multiply (the inner sizes {inner_left} and {inner_right} differ).",
        "`{text}`: {left} @ {right} は行列積にできません（内側の次元 {inner_left} と {inner_right} が違います）。",
    ),
    "matmul_scalar": (
        "`{text}`: @ needs two arrays, but one side is a scalar; use * to scale.",
        "`{text}`: @ の両辺は配列でなければなりません。スカラー倍には * を使ってください。",
    ),
    "dot_high_dim": (
        "`{text}`: np.dot on arrays with more than 2 dimensions is not supported; use @.",
        "`{text}`: 3 次元以上の配列に np.dot は使えません。@ を使ってください。",
    ),
    "too_big": (
        "`{text}` would create an array of shape {shape}, larger than allowed.",
        "`{text}` は形状 {shape} の大きすぎる配列になります。",
    ),
    "target_shape": (" {target} has shape {shape}.", "{target} の形状は {shape} です。"),
    "hint_fix": (" Did you mean `{fix}`?", "`{fix}` ではありませんか？"),
    # ---- the request itself is wrong (raised as FormulaRequestError)
    "unknown_network": (
        "Unknown network `{network}`. Known networks: {known}.",
        "`{network}` というネットワークはありません。使えるのは {known} です。",
    ),
    "unknown_target": (
        "`{target}` is not a gradient of `{network}`. Targets: {known}.",
        "`{target}` は `{network}` の勾配ではありません。対象: {known}。",
    ),
    "bad_request": (
        "The answer must be text and the language ja or en (got {lang}).",
        "解答は文字列、言語は ja か en で指定してください（指定: {lang}）。",
    ),
    "reference_not_finite": (
        "The reference `{reference}` gives inf or nan on the random inputs.",
        "模範解答 `{reference}` が乱数入力で inf または nan になります。",
    ),
    # ---- verdicts
    "correct": (
        "Correct: your formula equals {target} on {draws} independent random draws (relative error {error:.1e}).",
        "正解です。{draws} 回の独立な乱数サンプルすべてで {target} と一致しました（相対誤差 {error:.1e}）。",
    ),
    "wrong_value": (
        "Not correct: the shape is right, but the values differ from {target} (relative error {error:.2g}).",
        "不正解です。形状は合っていますが、値が {target} と異なります（相対誤差 {error:.2g}）。",
    ),
    "wrong_shape": (
        "Not correct: your formula has shape {answer_shape}, but {target} has shape {target_shape}.",
        "不正解です。式の形状は {answer_shape} ですが、{target} の形状は {target_shape} です。",
    ),
    # ---- diagnoses (named mistakes)
    "non_finite": (
        "Your formula gives inf or nan (overflow, log of a non-positive number or division by zero).",
        "式の値が inf または nan になります（オーバーフロー、0 以下の log、0 での割り算など）。",
    ),
    "transposed": (
        "Your result is the transpose of {target}: swap the order of the product or move the .T.",
        "結果が {target} の転置になっています。積の順序か .T の位置を見直してください。",
    ),
    "keepdims": (
        "The numbers are right; only the shape is off: check keepdims (or a missing reshape).",
        "値は合っていて、形状だけが違います。keepdims（または reshape）を確認してください。",
    ),
    "bias_not_summed": (
        "A bias gradient adds up the contributions of every example: sum over the batch axis (axis={axis}).",
        "バイアスの勾配はバッチ内の全サンプルの寄与を足し合わせます。バッチの軸（axis={axis}）で和を取ってください。",
    ),
    "summed_wrong_axis": (
        "You reduced over the wrong axis: use {fix}.",
        "和（平均・最大）を取る軸が違います。{fix} としてください。",
    ),
    "missing_keepdims": (
        "Without keepdims=True the reduced axis disappears and the result broadcasts the wrong way: add keepdims=True.",
        "keepdims=True がないと縮約した軸が消え、ブロードキャストの向きがずれます。keepdims=True を付けてください。",
    ),
    "sign_flipped": (
        "Your answer has the opposite sign of {target}.",
        "符号が {target} と逆になっています。",
    ),
    "hard_coded_batch_size": (
        "The number {number} is the batch size of this draw only: write `{name}` instead of {number}, so the formula holds for any batch.",
        "{number} はこの例のバッチサイズにすぎません。どのバッチでも成り立つよう、数字 {number} ではなく `{name}` と書いてください。",
    ),
    "missing_batch_mean": (
        "Your answer is {scale} times too large: the division by `{scale}` (batch mean) is missing.",
        "値が {scale} 倍大きくなっています。バッチ平均のための `{scale}` での割り算が抜けています。",
    ),
    "extra_batch_mean": (
        "Your answer is {scale} times too small: you divide by `{scale}` once too often; in this network the batch mean is taken only once.",
        "値が 1/{scale} 倍になっています。`{scale}` での割り算が 1 回多く、このネットワークではバッチ平均は 1 回だけ取ります。",
    ),
    "input_instead_of_output": (
        "You used `{used}` (the input of {activation}) where its output `{output}` belongs: the derivative of {activation} is written with its output.",
        "{activation} の入力 `{used}` を、出力 `{output}` を使うべき所に使っています。{activation} の微分は出力で表します。",
    ),
    "forward_instead_of_gradient": (
        "You used the forward value `{used}` where the gradient `{gradient}` belongs.",
        "勾配 `{gradient}` を使うべき所に、順伝播の値 `{used}` を使っています。",
    ),
    "tanh_without_square": (
        "The derivative of tanh is 1 - tanh(z)**2: write `1 - {name}**2`, not `1 - {name}`.",
        "tanh の微分は 1 - tanh(z)**2 です。`1 - {name}` ではなく `1 - {name}**2` と書いてください。",
    ),
    "activation_derivative_skipped": (
        "You used `{used}` (the gradient after {activation}) where `{gradient}` (the gradient before it) belongs: the derivative of {activation} is missing.",
        "`{gradient}`（{activation} の前の勾配）を使うべき所に `{used}`（{activation} の後の勾配）を使っています。{activation} の微分が抜けています。",
    ),
    "constant_factor": (
        "Your answer is the right one multiplied by about {factor:.3g}: look for a stray constant.",
        "値が正解の約 {factor:.3g} 倍になっています。余分な定数がないか確認してください。",
    ),
}


def format_shape(shape: tuple[int, ...]) -> str:
    """``(4, 5)``, ``(5,)`` or ``()`` for a scalar, as NumPy prints shapes."""
    return str(tuple(int(n) for n in shape))


def _localise(value: Any, lang: str) -> Any:
    if isinstance(value, dict):
        return value[lang]
    if isinstance(value, tuple) and all(isinstance(n, int) for n in value):
        return format_shape(value)
    if isinstance(value, tuple):
        return (" と " if lang == "ja" else " and ").join(format_shape(s) for s in value)
    return value


def message(code: str, **params: Any) -> Localized:
    """``{"ja", "en"}`` text of ``code`` with ``params`` filled in."""
    en, ja = TEMPLATES[code]
    return {
        lang: template.format(**{k: _localise(v, lang) for k, v in params.items()})
        for lang, template in (("en", en), ("ja", ja))
    }


def sentence_start(text: Localized) -> Localized:
    """``text`` with its first English letter capitalised, to open a sentence."""
    return {"en": text["en"][:1].upper() + text["en"][1:], "ja": text["ja"]}


def join(*parts: Localized) -> Localized:
    """Concatenate messages sentence by sentence in each language."""
    en = " ".join(p["en"].strip() for p in parts if p["en"].strip())
    ja = "".join(p["ja"].strip() for p in parts if p["ja"].strip())
    return {"en": en, "ja": ja}
