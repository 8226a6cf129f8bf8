"""Bad input from a learner gives a ValueError or TypeError that names the parameter and says
what was expected — never a numpy traceback from deep inside, never a hang."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers

DATA = helpers.factory_sales(n=10, rng=0)
bad_numbers = st.sampled_from([math.nan, math.inf, -math.inf])


def test_learning_rate_message():
    with pytest.raises(ValueError, match=r"learning rate must be a positive, finite number; got -0.1"):
        helpers.gradient_descent(DATA.x, DATA.y, 0, 0, -0.1, 10)


@given(lr=st.one_of(st.floats(max_value=0.0), bad_numbers))
def test_learning_rate_must_be_positive_and_finite(lr):
    with pytest.raises(ValueError, match="learning rate"):
        helpers.gradient_descent(DATA.x, DATA.y, 0, 0, lr, 10)


@given(lr=st.one_of(st.text(), st.none(), st.booleans(), st.lists(st.floats(), max_size=2)))
def test_learning_rate_of_the_wrong_kind(lr):
    with pytest.raises(TypeError, match="learning rate"):
        helpers.gradient_descent(DATA.x, DATA.y, 0, 0, lr, 10)


@given(steps=st.one_of(st.integers(max_value=-1), st.floats(allow_nan=True), st.booleans(), st.text()))
def test_step_count_must_be_a_non_negative_whole_number(steps):
    with pytest.raises((ValueError, TypeError), match="num_steps"):
        helpers.gradient_descent(DATA.x, DATA.y, 0, 0, 0.01, steps)


def test_step_count_has_an_upper_bound_so_nothing_hangs():
    with pytest.raises(ValueError, match="num_steps must be at most"):
        helpers.gradient_descent(DATA.x, DATA.y, 0, 0, 0.01, 10**12)


@given(seed=st.one_of(st.floats(), st.text(), st.booleans(), st.integers(max_value=-1), st.none()))
def test_seeds_of_the_wrong_type(seed):
    with pytest.raises((ValueError, TypeError), match="rng"):
        helpers.factory_sales(10, rng=seed)


@given(bad=bad_numbers, where=st.integers(0, 9))
def test_nan_and_infinity_in_data_are_refused(bad, where):
    x = DATA.x.copy()
    x[where] = bad
    for call in (lambda: helpers.mse_gradient(x, DATA.y, 1.0, 0.0), lambda: helpers.mse(x, DATA.y),
                 lambda: helpers.gradient_descent(x, DATA.y, 0.0, 0.0, 0.01, 5),
                 lambda: helpers.least_squares(x, DATA.y)):
        with pytest.raises(ValueError, match="finite numbers only"):
            call()


@pytest.mark.parametrize("x", [[], np.zeros((3, 2)), 5.0, "abc", None, [[1, 2], [3]]])
def test_wrong_shapes_and_kinds_are_refused(x):
    with pytest.raises((ValueError, TypeError), match=r"^x must"):
        helpers.predict(x, 1.0, 0.0)


def test_mismatched_lengths_name_both_arrays():
    with pytest.raises(ValueError, match="x and y must have the same number of examples; got 10 and 9"):
        helpers.mse_gradient(DATA.x, DATA.y[:-1], 1.0, 0.0)


@given(scale=st.one_of(st.floats(max_value=-1e-9), bad_numbers))
def test_init_scale_must_be_non_negative_and_finite(scale):
    with pytest.raises(ValueError, match="scale"):
        helpers.init_weights(3, scale, 0)


@given(shape=st.one_of(st.just((2, -1)), st.just((1.5,)), st.just("3"), st.just([2, 2])))
def test_init_shape_must_be_whole_numbers(shape):
    with pytest.raises((ValueError, TypeError), match="shape"):
        helpers.init_weights(shape, 1.0, 0)


@settings(max_examples=50)
@given(w=st.floats(-1e3, 1e3), b=st.floats(-1e3, 1e3))
def test_gradient_matches_finite_differences_anywhere(w, b):
    analytic = np.array(helpers.mse_gradient(DATA.x, DATA.y, w, b))
    numeric = helpers.numerical_gradient(lambda p: helpers.mse(DATA.y, p[0] * DATA.x + p[1]), np.array([w, b]), eps=1e-4)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-2)
