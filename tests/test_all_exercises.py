"""Every exercise of every notebook: its right answer is confirmed, and any other answer — none,
a wrong one, one of the wrong type or shape, one that raises — gets a friendly verdict, never a
traceback from the checker."""

import importlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers.checks
from helpers.exercises import CORRECT, UNSOLVED, WRONG, Exercise

MODULES = [importlib.import_module(f"helpers.checks.{p.stem}")
           for p in sorted(Path(helpers.checks.__file__).parent.glob("nb[0-9][0-9].py"))]
EXERCISES = [(f"{m.__name__.rsplit('.', 1)[1]}.{name}", ex) for m in MODULES
             for name, ex in vars(m).items() if isinstance(ex, Exercise)]
IDS = [key for key, _ in EXERCISES]


def test_every_notebook_with_exercises_is_covered():
    notebooks = sorted(Path(__file__).resolve().parents[1].glob("notebooks/[0-9][0-9]_*.ipynb"))
    assert len(MODULES) == len(notebooks) and EXERCISES


@pytest.mark.parametrize("key, ex", EXERCISES, ids=IDS)
def test_the_right_answer_is_confirmed(key, ex):
    assert key.endswith("." + ex.name), "an exercise's name is the variable that holds it"
    assert ex.answer is not None, "give the exercise a right answer (Exercise(..., answer=...))"
    verdict = ex.verdict(ex.answer)
    assert verdict.status == CORRECT, verdict.message


@pytest.mark.parametrize("key, ex", EXERCISES, ids=IDS)
def test_no_answer_is_not_solved_yet(key, ex, capsys):
    assert ex.verdict().status == UNSOLVED
    assert ex.verdict(...).status == UNSOLVED
    ex.check()
    ex.hint()
    ex.solution()
    out = capsys.readouterr().out
    assert "Not solved yet" in out and "Hint" in out and "Solution:" in out


def _raises(*args):
    raise RuntimeError("boom")


def _returns_none(*args):
    return None


odd_answers = st.one_of(
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=5),
    st.lists(st.floats(allow_nan=True), max_size=4), st.booleans(),
    st.builds(lambda n: np.full((n, 2), np.nan), st.integers(0, 3)),
    st.sampled_from([_raises, _returns_none, lambda *a: "text", lambda *a: np.ones((7, 7)),
                     lambda *a: [1, 2], object(), {"w": 1}, (1, 2, 3), np.array([])]),
)


@pytest.mark.parametrize("key, ex", EXERCISES, ids=IDS)
@settings(max_examples=40, deadline=None)
@given(answer=odd_answers)
def test_any_answer_gets_a_verdict(key, ex, answer):
    verdict = ex.verdict(answer)
    assert verdict.status in (CORRECT, WRONG, UNSOLVED) and verdict.message
    if answer is _raises or answer is _returns_none:
        assert verdict.status in (WRONG, UNSOLVED)
