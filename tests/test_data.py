"""The stored real data set: installed with the package, read with no network, checked against
its SHA-256, and the same bytes as the documented copy in data/."""

import hashlib
import socket
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers import data as data_module

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "helpers" / data_module.DATASETS


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "data").glob("*.csv")))
def test_the_packaged_copy_is_byte_identical_to_data(name):
    assert (PACKAGED / name).read_bytes() == (ROOT / "data" / name).read_bytes(), (
        f"helpers/{data_module.DATASETS}/{name} and data/{name} differ: copy data/{name} over it")


def test_every_packaged_file_is_documented_in_data():
    readme = (ROOT / "data" / "README.md").read_text()
    for path in PACKAGED.glob("*.csv"):
        assert (ROOT / "data" / path.name).is_file()
        assert f"`{path.name}`" in readme and hashlib.sha256(path.read_bytes()).hexdigest() in readme


def test_engel_data_are_read_and_checked():
    engel = data_module.engel_food()
    assert engel.n == 235 and engel.true_w is None
    assert engel.x[0] == pytest.approx(420.157650843928) and engel.y[0] == pytest.approx(255.839424594576)
    assert 0.45 < helpers.least_squares(engel.x, engel.y)[0] < 0.52
    assert hashlib.sha256((PACKAGED / "engel.csv").read_bytes()).hexdigest() == data_module.ENGEL_SHA256


def test_reading_never_touches_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the data loader opened a network connection")
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert data_module.engel_food().n == 235


@pytest.fixture
def packaged_copy(tmp_path, monkeypatch):
    """A stand-in for the installed package's data folder, to damage or empty."""
    folder = tmp_path / "helpers"
    (folder / data_module.DATASETS).mkdir(parents=True)
    monkeypatch.setattr(data_module.importlib.resources, "files", lambda package: folder)
    return folder / data_module.DATASETS


def test_a_damaged_file_is_refused_with_the_way_to_restore_it(packaged_copy):
    good = (PACKAGED / "engel.csv").read_bytes()
    (packaged_copy / "engel.csv").write_bytes(good.replace(b"420.15", b"421.15"))
    with pytest.raises(ValueError, match=r"damaged or was changed.*reinstall the course.*git checkout"):
        data_module.engel_food()


def test_a_missing_file_says_how_to_restore_it(packaged_copy):
    with pytest.raises(FileNotFoundError, match=r"missing from the installed package: reinstall the course"):
        data_module.engel_food()


def test_an_explicit_path(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes((ROOT / "data" / "engel.csv").read_bytes())
    assert data_module.engel_food(path).n == 235
    path.write_bytes(b'"income","foodexp"\n1,2\n')
    with pytest.raises(ValueError, match="damaged or was changed"):
        data_module.engel_food(path)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        data_module.engel_food(tmp_path / "nothing.csv")


def test_bump_rises_then_falls_and_is_seeded():
    a, b = helpers.bump(n=40, rng=0), helpers.bump(n=40, rng=0)
    np.testing.assert_array_equal(a.y, b.y)
    assert a.x.shape == a.y.shape == (40,)
    middle = np.abs(a.x) < 0.5
    assert a.y[middle].mean() > 0.8 and a.y[~middle][[0, -1]].max() < -0.7
