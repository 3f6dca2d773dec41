"""Learner-facing messages for every :class:`~derivations.errors.LearnerInputError`.

``MESSAGES[key]`` maps a language to a ``str.format`` template. The key is the
error code, or a more specific variant of it (``unbalanced_bracket_unclosed``).
Values in backticks are the learner's own text, quoted back to them.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "empty": {
        "en": "The answer is empty: type a formula.",
        "ja": "解答が空です。式を入力してください。",
    },
    "too_long": {
        "en": "The answer has {length} characters; at most {limit} are accepted.",
        "ja": "入力が長すぎます（{length} 文字）。{limit} 文字以内にしてください。",
    },
    "too_deep": {
        "en": "Brackets, powers or signs are nested more than {limit} levels deep here.",
        "ja": "括弧・累乗・符号の入れ子がここで {limit} 段を超えています。",
    },
    "too_complex": {
        "en": "The formula has more than {limit} parts; write it more compactly.",
        "ja": "式の要素が {limit} 個を超えています。もっと簡潔に書いてください。",
    },
    "number_too_large": {
        "en": "The number `{text}` is too long or too large (at most {limit} digits, "
        "powers of ten up to 10^{max_exp}).",
        "ja": "数 `{text}` の桁数または大きさが上限を超えています"
        "（{limit} 桁まで、10 の {max_exp} 乗まで）。",
    },
    "number_too_large_result": {
        "en": "The numbers in `{text}` combine into a value far too large to work with.",
        "ja": "`{text}` の数どうしの計算結果が大きすぎて扱えません。",
    },
    "power_too_large": {
        "en": "The power `{text}` is far too large to work with; exponents must stay "
        "within ±{limit}.",
        "ja": "累乗 `{text}` が大きすぎて扱えません。指数は ±{limit} の範囲にしてください。",
    },
    "bad_character": {
        "en": "The character `{char}` ({codepoint}) cannot be used in a formula.",
        "ja": "文字 `{char}`（{codepoint}）は式の中で使えません。",
    },
    "bad_character_latex": {
        "en": "`\\` starts a LaTeX command: choose the LaTeX input format, or write "
        "the formula as plain text such as `1/(1+exp(-x))`.",
        "ja": "`\\` は LaTeX のコマンドです。入力形式を LaTeX に切り替えるか、"
        "`1/(1+exp(-x))` のような通常の式で書いてください。",
    },
    "bad_character_invisible": {
        "en": "An invisible control character ({codepoint}) is in the answer; delete it "
        "and retype that spot.",
        "ja": "見えない制御文字（{codepoint}）が含まれています。その位置を消して打ち直してください。",
    },
    "unbalanced_bracket_unclosed": {
        "en": "The bracket `{bracket}` is opened here but never closed.",
        "ja": "ここで開いた括弧 `{bracket}` が閉じられていません。",
    },
    "unbalanced_bracket_unopened": {
        "en": "The bracket `{bracket}` closes nothing: no bracket is open here.",
        "ja": "閉じ括弧 `{bracket}` に対応する開き括弧がありません。",
    },
    "unbalanced_bracket_mismatch": {
        "en": "`{bracket}` cannot close `{opening}`; use `{expected}`.",
        "ja": "`{opening}` を `{bracket}` では閉じられません。`{expected}` を使ってください。",
    },
    "unexpected_token": {
        "en": "`{token}` cannot appear here.",
        "ja": "ここに `{token}` は置けません。",
    },
    "unexpected_end": {
        "en": "The formula stops too early: something is missing after `{token}`.",
        "ja": "式が途中で終わっています。`{token}` の後に何かが足りません。",
    },
    "missing_operator": {
        "en": "An operator is missing between `{left}` and `{right}`; write `*` if you "
        "mean a product.",
        "ja": "`{left}` と `{right}` の間に演算子がありません。積なら `*` を書いてください。",
    },
    "ambiguous_division": {
        "en": "`{text}` is ambiguous: write `a/(b c)` to divide by the product or "
        "`(a/b) c` to multiply afterwards.",
        "ja": "`{text}` は読み方が二通りあります。積で割るなら `a/(b c)`、"
        "割ってから掛けるなら `(a/b) c` と書いてください。",
    },
    "equation": {
        "en": "Type only the expression (the right-hand side), not an equation.",
        "ja": "等式ではなく、右辺の式だけを入力してください。",
    },
    "unknown_name": {
        "en": "`{name}` is not a known name here.{hint_en}",
        "ja": "`{name}` はこの問題で使える名前ではありません。{hint_ja}",
    },
    "forbidden_operator": {
        "en": "`{name}` is not allowed in an answer: write the derivative you worked "
        "out, not an instruction to take it.",
        "ja": "解答に `{name}` は使えません。微分の指示ではなく、求めた導関数そのものを書いてください。",
    },
    "function_needs_argument": {
        "en": "`{name}` is a function: put its argument in brackets, e.g. `{name}(x)`.",
        "ja": "`{name}` は関数です。`{name}(x)` のように引数を括弧で囲んでください。",
    },
    "wrong_arity": {
        "en": "`{name}` takes {expected} argument(s), but {got} were given.",
        "ja": "`{name}` の引数は {expected} 個ですが、{got} 個書かれています。",
    },
    "bad_condition": {
        "en": "A condition must be a comparison such as `x > 0` or `x <= 0`.",
        "ja": "条件は `x > 0` や `x <= 0` のような比較で書いてください。",
    },
    "bad_condition_nested": {
        "en": "A condition cannot itself contain a case distinction; compare plain "
        "expressions, e.g. `x > 0`.",
        "ja": "条件の中に場合分けは書けません。`x > 0` のような式どうしの比較にしてください。",
    },
    "bad_subscript": {
        "en": "The subscript `{text}` cannot be read; use letters and digits, e.g. `w_{{ji}}`.",
        "ja": "添字 `{text}` を読めません。`w_{{ji}}` のように英数字で書いてください。",
    },
    "unknown_latex_command": {
        "en": "The LaTeX command `{command}` is not supported in answers.",
        "ja": "LaTeX コマンド `{command}` は解答では使えません。",
    },
    "bad_latex": {
        "en": "`{command}` needs {what} here.",
        "ja": "`{command}` の後には{what_ja}が必要です。",
    },
    "not_real": {
        "en": "This part has no real value (for example the square root or the logarithm "
        "of a negative number).",
        "ja": "この部分は実数になりません（負の数の平方根や対数など）。",
    },
    "undefined": {
        "en": "The formula has no value: it divides by zero or is undefined everywhere.",
        "ja": "式の値が定まりません（ゼロ除算など）。",
    },
}

#: Sentences appended to ``unknown_name`` messages; ``{text}`` is filled in.
HINTS: dict[str, dict[str, str]] = {
    "did_you_mean": {"en": " Did you mean `{text}`?", "ja": "`{text}` のことですか？"},
    "product": {
        "en": " For a product, write `{text}`.",
        "ja": "積なら `{text}` と書いてください。",
    },
    "allowed": {"en": " Names you can use: {text}.", "ja": "使える名前: {text}"},
}
