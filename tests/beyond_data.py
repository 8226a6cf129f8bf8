"""The data of notebook 05's tests, made as the notebook makes them: the factory of notebooks
01-03 and Engel's households split into training and validation, income standardized with the
training households' mean and standard deviation."""

import pytest

import helpers


@pytest.fixture(scope="module")
def data():
    return helpers.factory_sales(n=30, rng=0)


@pytest.fixture(scope="module")
def engel_split():
    return split_engel()


def split_engel():
    """(z_train, food_train, z_val, food_val), as notebook 05 makes them."""
    engel = helpers.engel_food()
    income, food = engel.x / 1000, engel.y / 1000
    train, val = helpers.train_val_split(engel.n, 0.2, rng=0)
    z_train, mean, std = helpers.standardize(income[train])
    return z_train, food[train], (income[val] - mean) / std, food[val]
