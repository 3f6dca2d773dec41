"""Short ja/en names of the diagnosis codes stored with attempts, for the "mistakes you
repeat" list: catalogue numbers of the bank (M1–M39), ``derivations`` rule codes and
``engine`` formula codes. An unknown code falls back to the latest stored message."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # (ja, en)
    "M1": ("シグモイドの微分を入力 x で書いている", "sigmoid derivative written with the input x"),
    "M2": ("シグモイドの微分で符号を誤る", "sign slip in the sigmoid derivative"),
    "M3": (
        "tanh の微分（1 − tanh² の 2 乗など）を誤る",
        "tanh derivative wrong (e.g. the square dropped)",
    ),
    "M4": ("ReLU のマスクを別のテンソルから作っている", "ReLU mask taken from the wrong tensor"),
    "M6": ("Leaky ReLU の負側の傾きを誤る", "Leaky ReLU slope on the negative side wrong"),
    "M7": ("softmax のヤコビアン非対角の符号を誤る", "softmax Jacobian off-diagonal sign wrong"),
    "M8": ("softmax の逆伝播で対角成分だけを使う", "softmax backward with the diagonal only"),
    "M9": ("softmax をバッチ全体で正規化している", "softmax normalised over the whole batch"),
    "M10": ("softmax で最大値を引いていない", "softmax without subtracting the maximum"),
    "M11": ("交差エントロピーの微分の符号を誤る", "cross-entropy derivative sign wrong"),
    "M12": (
        "softmax＋交差エントロピーの勾配 y − t を誤る",
        "softmax + cross-entropy gradient y − t wrong",
    ),
    "M13": (
        "シグモイド＋二値交差エントロピーの勾配を誤る",
        "sigmoid + binary cross-entropy gradient wrong",
    ),
    "M14": ("二乗誤差の微分で符号か係数を誤る", "MSE derivative: sign or factor wrong"),
    "M17": ("Affine 逆伝播で転置を誤る", "transpose wrong in the Affine backward pass"),
    "M18": ("バイアスの勾配をバッチ方向に足していない", "bias gradient not summed over the batch"),
    "M19": ("バッチ平均の 1/N（1/m）を落としている", "the batch mean 1/N (1/m) is dropped"),
    "M20": ("バッチサイズで 2 回割っている", "divided by the batch size twice"),
    "M21": (
        "分岐・共有重みの勾配を足し合わせていない",
        "gradients of branches or shared weights not added",
    ),
    "M22": ("数値微分の差分の取り方を誤る", "numerical differentiation done the wrong way"),
    "M23": ("摂動した値を元に戻していない", "perturbed value not restored"),
    "M24": ("更新の符号が逆（勾配上昇）", "update sign reversed (gradient ascent)"),
    "M26": ("Momentum の符号や式の形を誤る", "Momentum sign or form wrong"),
    "M27": ("Nesterov の先読みを誤る", "Nesterov look-ahead wrong"),
    "M28": ("AdaGrad の累積や平方根を誤る", "AdaGrad accumulation or root wrong"),
    "M29": ("RMSProp の減衰平均を誤る", "RMSProp decaying average wrong"),
    "M30": ("Adam のモーメントやバイアス補正を誤る", "Adam moments or bias correction wrong"),
    "M31": ("荷重減衰の勾配 λW を誤る", "weight-decay gradient λW wrong"),
    "M32": ("Xavier / He 初期化の分散を誤る", "Xavier / He initialisation variance wrong"),
    "M34": ("Dropout のスケーリングを誤る", "Dropout scaling wrong"),
    "M35": (
        "BatchNorm の逆伝播で平均・分散を定数扱い",
        "BatchNorm backward treats mean and variance as constants",
    ),
    "M36": ("BatchNorm の推論時の統計量を誤る", "BatchNorm statistics at inference wrong"),
    "M37": ("LSTM セルの勾配を誤る", "LSTM cell gradient wrong"),
    "M38": ("勾配クリッピングの式を誤る", "gradient clipping formula wrong"),
    "M39": ("Max プーリングの逆伝播を誤る", "max-pooling backward wrong"),
    "input_for_output": (
        "出力を使うべき所で入力を使っている",
        "the input used where the output belongs",
    ),
    "input_instead_of_output": (
        "出力を使うべき所で入力を使っている",
        "the input used where the output belongs",
    ),
    "tanh_missing_square": ("tanh の微分で 2 乗を落とす", "tanh derivative without the square"),
    "tanh_without_square": ("tanh の微分で 2 乗を落とす", "tanh derivative without the square"),
    "tanh_square_sign": ("1 − tanh² を 1 + tanh² にしている", "1 + tanh² written for 1 − tanh²"),
    "relu_mask_wrong_tensor": (
        "ReLU のマスクを別のテンソルから作っている",
        "ReLU mask taken from the wrong tensor",
    ),
    "leaky_relu_negative_branch": (
        "Leaky ReLU の負側の傾きがない",
        "Leaky ReLU negative slope missing",
    ),
    "kink_branches_swapped": (
        "折れ点の左右の式を入れ替えている",
        "the two sides of a kink swapped",
    ),
    "softmax_offdiag_sign": ("softmax の非対角成分の符号を誤る", "softmax off-diagonal sign wrong"),
    "softmax_diagonal_only": (
        "softmax の逆伝播で対角成分だけを使う",
        "softmax backward with the diagonal only",
    ),
    "softmax_offdiag_on_diagonal": (
        "softmax の対角成分に非対角の式を使う",
        "off-diagonal formula used on the diagonal",
    ),
    "softmax_wrong_axis": ("softmax の正規化の軸を誤る", "softmax normalised along the wrong axis"),
    "softmax_shift_not_cancelled": (
        "softmax の最大値シフトを片方だけで行う",
        "softmax shift applied in one place only",
    ),
    "cross_entropy_sign": (
        "交差エントロピーの微分の符号を誤る",
        "cross-entropy derivative sign wrong",
    ),
    "target_minus_output": ("y − t を t − y と書いている", "t − y written instead of y − t"),
    "ce_output_gradient_only": (
        "−t/y で止めて活性化を通していない",
        "stopped at −t/y without the activation",
    ),
    "extra_activation_derivative": (
        "活性化の微分を余分に掛けている",
        "an extra activation derivative factor",
    ),
    "missing_target": ("正解ラベルの項が抜けている", "the label term is missing"),
    "gradient_wrt_output": (
        "出力についての勾配を答えている",
        "gradient with respect to the output given",
    ),
    "missing_inner_derivative": (
        "連鎖律で内側の微分を掛け忘れる",
        "chain rule: inner derivative missing",
    ),
    "missing_term": ("積の微分や和の項が一つ抜けている", "a product-rule or sum term is missing"),
    "missing_square": ("2 乗が抜けている", "a square is missing"),
    "swapped_variables": ("変数を取り違えている", "two variables swapped"),
    "sign_flip": ("全体の符号が逆", "the whole answer has the wrong sign"),
    "sign_flipped": ("全体の符号が逆", "the whole answer has the wrong sign"),
    "constant_factor": (
        "定数倍（2、1/2、1/m など）ずれている",
        "off by a constant factor (2, 1/2, 1/m, …)",
    ),
    "missing_factor": ("因子が一つ抜けている", "a factor is missing"),
    "transposed": ("転置を誤る", "transpose wrong"),
    "transposed_gradient": ("転置を誤る", "transpose wrong"),
    "keepdims": ("keepdims の扱いを誤る", "keepdims handled wrongly"),
    "missing_keepdims": ("keepdims=True が抜けている", "keepdims=True is missing"),
    "bias_not_summed": (
        "バイアスの勾配をバッチ方向に足していない",
        "bias gradient not summed over the batch",
    ),
    "summed_wrong_axis": ("和を取る軸を誤る", "summed along the wrong axis"),
    "missing_batch_mean": (
        "バッチ平均の 1/N（1/m）を落としている",
        "the batch mean 1/N (1/m) is dropped",
    ),
    "extra_batch_mean": (
        "バッチサイズでもう一度割っている",
        "divided by the batch size once too often",
    ),
    "forward_instead_of_gradient": (
        "勾配ではなく順伝播の値を答えている",
        "a forward value given instead of a gradient",
    ),
    "activation_derivative_skipped": (
        "活性化関数の微分を飛ばしている",
        "the activation derivative is skipped",
    ),
    "wrong_option": ("誤った選択肢を選んだ", "picked a wrong option"),
    "bank_mistake": ("よくある誤答と一致", "matches a known wrong answer"),
}


def mistake_label(code: str, lang: str, fallback: str | None = None) -> str:
    """The code's short name in ``lang``; else ``fallback``; else the code itself."""
    if code in LABELS:
        ja, en = LABELS[code]
        return ja if lang == "ja" else en
    return fallback or code
