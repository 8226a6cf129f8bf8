"""The exercise checker: friendly verdicts for right, wrong, raising, ill-typed and missing
answers, and never a traceback from the checker itself."""

import numpy as np
import pytest

from helpers.checks import nb01
from helpers.exercises import CORRECT, UNSOLVED, WRONG, Exercise, Wrong, call, expect_close


def right_init(shape, scale, rng):
    return rng.normal(0.0, scale, size=shape)


def also_right_init(shape, scale, rng):
    return scale * rng.standard_normal(shape)


def uniform_init(shape, scale, rng):
    return rng.uniform(-scale, scale, size=shape)


def unseeded_init(shape, scale, rng):
    return np.random.default_rng().normal(0.0, scale, size=shape)


def placeholder(shape, scale, rng):
    ...


def raises(shape, scale, rng):
    raise KeyError("oops")


def not_implemented(shape, scale, rng):
    raise NotImplementedError


@pytest.mark.parametrize("answer, status, words", [
    (right_init, CORRECT, "Same seed, same weights"),
    (also_right_init, CORRECT, "Same seed"),
    (uniform_init, WRONG, "standard deviation"),
    (unseeded_init, WRONG, "did not use the generator `rng`"),
    (lambda shape, scale, rng: np.zeros(3), WRONG, "shape"),
    (placeholder, UNSOLVED, "returned None: fill in its body"),
    (not_implemented, UNSOLVED, "placeholder"),
    (raises, WRONG, "KeyError: 'oops'"),
    (..., UNSOLVED, "Replace the ..."),
    (None, UNSOLVED, "Replace the ..."),
    (42, WRONG, "Pass the function itself"),
    (right_init((3,), 2.0, np.random.default_rng(0)), WRONG, "Pass the function itself"),
])
def test_init_weights_verdicts(answer, status, words):
    verdict = nb01.ex1.verdict(answer)
    assert verdict.status == status
    assert words.lower() in verdict.message.lower()


@pytest.mark.parametrize("answer, status", [
    (0.1, CORRECT), (1, WRONG), (100, WRONG), ("ten", WRONG), ([0.1], WRONG), (..., UNSOLVED)])
def test_multiple_choice_verdicts(answer, status):
    assert nb01.ex2.verdict(answer).status == status


def test_choice_answers_ignore_case_and_spaces():
    assert nb01.ex3.verdict("  Same ").correct
    assert nb01.ex3.verdict("different").status == WRONG


def test_check_prints_and_never_raises(capsys):
    for answer in (right_init, raises, ..., object(), {"a": 1}):
        assert nb01.ex1.check(answer) is None
    out = capsys.readouterr().out
    assert "✔ Correct!" in out and "✘ Not quite." in out and "… Not solved yet." in out


def test_hint_and_solution(capsys):
    nb01.ex1.hint(1)  # by number: other tests may have asked for hints already
    nb01.ex1.solution()
    out = capsys.readouterr().out
    assert out.startswith("Hint 1 of 3: ") and "rng.normal(0.0, scale, size=shape)" in out


def test_a_checker_that_breaks_gives_a_verdict_not_a_traceback():
    def broken(answer):
        return answer["missing"]

    verdict = Exercise("q", broken, "h", "s").verdict(3)
    assert verdict.status == WRONG and "did not expect an answer like 3" in verdict.message


def test_expect_close_messages():
    with pytest.raises(Wrong, match=r"should have shape \(2,\); got shape \(3,\)"):
        expect_close([1, 2, 3], [1, 2], what="f(x)")
    with pytest.raises(Wrong, match="should be 14.5; got 29"):
        expect_close(29, 14.5, what="mse")
    with pytest.raises(Wrong, match="should be a number"):
        expect_close("abc", 1.0, what="mse")
    expect_close(np.float64(14.5), 14.5, what="mse")


def test_call_reports_the_call():
    with pytest.raises(Wrong, match=r"when the check ran f\(1\):\n    ZeroDivisionError"):
        call(lambda v: v / 0, 1, shown="f(1)")
