"""Checked exercises, in the style of Kaggle Learn: ``ex.check(answer)``, ``ex.hint()``,
``ex.solution()``.

An exercise never raises, so "Run all" never stops on one: an answer left as ``...`` (or a
function whose body is still ``...``) gets a friendly "not solved yet"; a wrong answer is told
what is wrong (the expected shape, the expected value on a tiny example); a right one is
confirmed. After each exercise the lesson goes on with the reference implementation from
``helpers``.

A checker is a function of the answer that returns a sentence of praise, or raises
:class:`Wrong` or :class:`Unsolved` with a sentence that says why; :func:`call` and
:func:`expect_close` build most checkers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

UNSOLVED, WRONG, CORRECT = "unsolved", "wrong", "correct"
_MARK = {CORRECT: "✔ Correct!", WRONG: "✘ Not quite.", UNSOLVED: "… Not solved yet."}


class Wrong(Exception):
    """Raised by a checker: the answer is wrong; the message says how."""


class Unsolved(Exception):
    """Raised by a checker: there is no answer yet."""


@dataclass(frozen=True)
class Verdict:
    status: str  # "correct", "wrong" or "unsolved"
    message: str

    def __str__(self) -> str:
        return f"{_MARK[self.status]} {self.message}".rstrip()

    @property
    def correct(self) -> bool:
        return self.status == CORRECT


def _short(value: Any) -> str:
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=4, threshold=8)
    elif isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def blank(answer: Any) -> bool:
    """Whether ``answer`` is still the placeholder (``...`` or ``None``)."""
    return answer is Ellipsis or answer is None


def call(fn: Any, *args: Any, shown: str | None = None) -> Any:
    """Call the learner's function ``fn(*args)``, turning every way it can fail into a verdict.

    ``shown`` is how the call is written in messages, e.g. ``"mse([1, 2], [1, 4])"``.
    """
    if blank(fn):
        raise Unsolved("Define the function, then pass it to check().")
    if not callable(fn):
        raise Wrong(f"Pass the function itself (without calling it); got {_short(fn)}.")
    shown = shown or f"{getattr(fn, '__name__', 'your function')}(...)"
    try:
        out = fn(*args)
    except NotImplementedError:
        raise Unsolved("The function body is still a placeholder.") from None
    except Exception as exc:  # the learner's code may raise anything
        raise Wrong(f"Calling {shown} raised {type(exc).__name__}: {exc}") from None
    if out is None or out is Ellipsis:
        raise Unsolved(f"{shown} returned {out!r}: fill in its body and `return` the result.")
    return out


def expect_close(got: Any, expected: Any, *, what: str, rtol: float = 1e-6,
                 atol: float = 1e-9) -> None:
    """Raise :class:`Wrong` unless ``got`` has ``expected``'s shape and values.

    ``what`` names the result in messages, e.g. ``"mse([1, 2], [1, 4])"``.
    """
    expected = np.asarray(expected, dtype=float)
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        kind = "a number" if expected.ndim == 0 else f"an array of shape {expected.shape}"
        raise Wrong(f"{what} should be {kind}; got {_short(got)}.") from None
    if arr.shape != expected.shape:
        kind = "a single number" if expected.ndim == 0 else f"shape {expected.shape}"
        raise Wrong(f"{what} should have {kind}; got shape {arr.shape}.")
    if not np.allclose(arr, expected, rtol=rtol, atol=atol, equal_nan=False):
        raise Wrong(f"{what} should be {_short(expected if expected.ndim else float(expected))}; "
                    f"got {_short(arr if arr.ndim else float(arr))}.")


def expect_choice(answer: Any, options: dict[Any, str], correct: Any) -> str:
    """Check a multiple-choice prediction; ``options`` maps each valid answer to the sentence
    that explains it (text answers match whatever their case and surrounding spaces). Returns
    the explanation of the right answer."""
    listed = ", ".join(map(repr, options))
    if blank(answer):
        raise Unsolved(f"Replace ... with one of {listed}.")
    key = None
    for option in options:
        if isinstance(option, str) and isinstance(answer, str):
            if option.strip().lower() == answer.strip().lower():
                key = option
        elif not isinstance(option, str) and not isinstance(answer, (str, bool)):
            try:
                if bool(option == answer):
                    key = option
            except (TypeError, ValueError):
                pass
    if key is None:
        raise Wrong(f"The answer should be one of {listed}; got {_short(answer)}.")
    if key != correct:
        raise Wrong(options[key])
    return options[key]


class Exercise:
    """One exercise: ``check(answer)`` prints a verdict, ``hint()`` a hint, ``solution()`` a
    worked answer. ``checker(answer)`` returns praise or raises :class:`Wrong`/:class:`Unsolved`;
    ``answer`` is one right answer, which the tests feed to the checker.
    Introduced in notebook 01."""

    def __init__(self, name: str, checker: Callable[[Any], str], hint: str, solution: str,
                 answer: Any = None) -> None:
        self.name = name  # the variable that holds it in the notebook, used in messages
        self.answer = answer  # a right answer (a value or a function), for the course's tests
        self._checker = checker
        self._hint = hint
        self._solution = solution

    def verdict(self, answer: Any = Ellipsis) -> Verdict:
        """The verdict on ``answer`` without printing it; never raises."""
        try:
            if blank(answer):
                raise Unsolved("Replace the ... with your answer, then run the cell again.")
            praise = self._checker(answer)
        except Unsolved as exc:
            return Verdict(UNSOLVED, f"{exc} Stuck? Try {self.name}.hint() or {self.name}.solution().")
        except Wrong as exc:
            return Verdict(WRONG, str(exc))
        except Exception as exc:  # an answer of a kind the checker did not foresee
            return Verdict(WRONG, f"This answer could not be checked ({type(exc).__name__}: {exc}).")
        return Verdict(CORRECT, praise or "")

    def check(self, answer: Any = Ellipsis) -> None:
        """Print the verdict on ``answer``."""
        print(self.verdict(answer))

    def hint(self) -> None:
        """Print a hint."""
        print(f"Hint: {self._hint}")

    def solution(self) -> None:
        """Print a worked solution."""
        print(f"Solution:\n{self._solution}")

    def __repr__(self) -> str:
        return f"<exercise {self.name}: call .check(answer), .hint() or .solution()>"
