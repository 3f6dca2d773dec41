"""Load and instantiate a learner's class from ``path/to/file.py:ClassName``.

Runs the learner's own file on the learner's own machine (the CLI), never on the server.
Every failure raises ``LearnerCodeError`` with a message in Japanese and English.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np


class LearnerCodeError(Exception):
    """The learner's file or class could not be used; ``messages`` has "ja" and "en"."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.messages = {"ja": ja, "en": en}


@dataclass(frozen=True)
class Sizes:
    """Small sizes for the check (all distinct, so a transposed product cannot fit)."""

    input_size: int = 5
    hidden_size: int = 4
    output_size: int = 3
    batch: int = 6


def parse_spec(spec: str) -> tuple[Path, str]:
    """Split ``file.py:ClassName`` (the last colon separates, so ``C:\\x.py:Net`` works)."""
    path_text, sep, class_name = spec.rpartition(":")
    if not sep or not path_text or not class_name.isidentifier():
        raise LearnerCodeError(
            f"「{spec}」は「ファイル.py:クラス名」の形で指定してください (例: two_layer_net.py:TwoLayerNet)。",
            f"Give the target as FILE.py:ClassName (e.g. two_layer_net.py:TwoLayerNet), got {spec!r}.",
        )
    path = Path(path_text)
    if path.suffix != ".py" or not path.is_file():
        raise LearnerCodeError(
            f"Python ファイル {path} が見つかりません。",
            f"No Python file at {path}.",
        )
    return path.resolve(), class_name


def load_class(spec: str) -> type:
    """Import the file (its folder first on sys.path, as when run from there) and return
    the class; the import's own errors are reported, not raised as tracebacks."""
    path, class_name = parse_spec(spec)
    module_name = f"_learner_{path.stem}_{abs(hash(path))}"
    module_spec = importlib.util.spec_from_file_location(module_name, path)
    if module_spec is None or module_spec.loader is None:
        raise LearnerCodeError(f"{path} を読み込めません。", f"Cannot load {path}.")
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[module_name] = module  # as a normal import would (dataclasses look it up)
    sys.path.insert(0, str(path.parent))
    try:
        module_spec.loader.exec_module(module)
    except Exception as error:  # the learner's code may raise anything
        sys.modules.pop(module_name, None)
        raise LearnerCodeError(
            f"{path.name} の読み込み中にエラー: {type(error).__name__}: {error}",
            f"Importing {path.name} failed: {type(error).__name__}: {error}",
        ) from error
    finally:
        sys.path.remove(str(path.parent))
    cls = getattr(module, class_name, None)
    if not isinstance(cls, type):
        found = sorted(
            k
            for k, v in vars(module).items()
            if isinstance(v, type) and v.__module__ == module_name
        )
        raise LearnerCodeError(
            f"{path.name} にクラス {class_name} がありません (見つかったクラス: {', '.join(found) or 'なし'})。",
            f"{path.name} has no class {class_name} (classes found: {', '.join(found) or 'none'}).",
        )
    return cls


def constructor_values(sizes: Sizes, rng: np.random.Generator) -> dict[str, object]:
    """Values for the constructor parameters the checker knows by name.

    ゼロつく networks: input_size, hidden_size, output_size, hidden_size_list,
    weight_init_std (0.1: softmax outputs stay far from 0, so the book's log(y + 1e-7)
    barely bends the loss, while ReLU inputs stay well above the probe's step);
    layers: W (input_size, output_size), b (output_size,), gamma and beta (input_size,).
    """
    n_in, n_hid, n_out = sizes.input_size, sizes.hidden_size, sizes.output_size
    return {
        "input_size": n_in,
        "hidden_size": n_hid,
        "output_size": n_out,
        "hidden_size_list": [n_hid],
        "weight_init_std": 0.1,
        "W": rng.standard_normal((n_in, n_out)),
        "b": rng.uniform(-0.5, 0.5, n_out),
        "gamma": rng.uniform(0.5, 1.5, n_in),
        "beta": rng.uniform(-0.5, 0.5, n_in),
    }


def instantiate(
    cls: type, sizes: Sizes, rng: np.random.Generator, overrides: Mapping[str, object] | None = None
) -> object:
    """Build ``cls`` with known values for known names, defaults elsewhere; the global
    NumPy generator (used by ゼロつく-style ``np.random.randn``) is seeded meanwhile."""
    known = {**constructor_values(sizes, rng), **(overrides or {})}
    kwargs: dict[str, object] = {}
    for name, param in inspect.signature(cls).parameters.items():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if name in known:
            kwargs[name] = known[name]
        elif param.default is param.empty:
            raise LearnerCodeError(
                f"{cls.__name__} の引数 {name} に入れる値が分かりません。input_size, hidden_size, "
                "output_size (ネット) か W, b (レイヤ) を使うか、値を指定してください。",
                f"Don't know what to pass for {cls.__name__}'s argument {name!r}. Use input_size, "
                "hidden_size, output_size (networks) or W, b (layers), or pass a value for it.",
            )
    state = np.random.get_state()  # noqa: NPY002 - reason: learner code (ゼロつく) draws from the global generator
    np.random.seed(int(rng.integers(2**31)))  # noqa: NPY002 - reason: as above
    try:
        return cls(**kwargs)
    except Exception as error:
        raise LearnerCodeError(
            f"{cls.__name__}({', '.join(kwargs)}) の生成でエラー: {type(error).__name__}: {error}",
            f"Creating {cls.__name__}({', '.join(kwargs)}) failed: {type(error).__name__}: {error}",
        ) from error
    finally:
        np.random.set_state(state)  # noqa: NPY002 - reason: restore the global generator
