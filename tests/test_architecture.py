"""Invariants of the architecture, checked on the source itself.

- ``derivations`` and ``engine`` never import ``quizapp``, Flask, SQLAlchemy or each other.
- ``engine`` imports nothing heavier than NumPy (no SymPy).
- No module calls ``eval``/``exec``; SymPy's string parsers are never imported.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN_IMPORTS = {
    "derivations": {"quizapp", "flask", "sqlalchemy", "engine", "flask_sqlalchemy"},
    "engine": {"quizapp", "flask", "sqlalchemy", "derivations", "sympy", "flask_sqlalchemy"},
}
FORBIDDEN_CALLS = {"eval", "exec", "sympify", "parse_expr", "parse_latex", "S"}


def _python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imported_roots(tree: ast.AST) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN_IMPORTS))
def test_package_never_imports_forbidden_layers(package: str) -> None:
    offenders = []
    for path in _python_files(package):
        roots = _imported_roots(ast.parse(path.read_text(encoding="utf-8")))
        bad = roots & FORBIDDEN_IMPORTS[package]
        if bad:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


@pytest.mark.parametrize("package", ["derivations", "engine", "quizapp"])
def test_no_eval_exec_or_string_parsers(package: str) -> None:
    offenders = []
    for path in _python_files(package):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name in FORBIDDEN_CALLS:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}()")
            if isinstance(node, ast.ImportFrom) and node.module and "sympy.parsing" in node.module:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {node.module}")
    assert offenders == []


# The seams: the only quizapp code that may import the math packages. The grading package
# judges answers; the bank's oracles recompute numeric answers for `bank verify`; the aid
# data module computes the learning-aid plots with the engine.
MATH_SEAMS = ("quizapp/grading/", "quizapp/questions/oracles", "quizapp/aid_data.py")


def test_only_the_seams_import_derivations_or_engine() -> None:
    offenders = []
    for path in _python_files("quizapp"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(MATH_SEAMS):
            continue
        roots = _imported_roots(ast.parse(path.read_text(encoding="utf-8")))
        if roots & {"derivations", "engine", "sympy", "numpy"}:
            offenders.append(
                f"{relative}: {sorted(roots & {'derivations', 'engine', 'sympy', 'numpy'})}"
            )
    assert offenders == []
