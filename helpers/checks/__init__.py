"""The exercises of each notebook, with their checkers: ``from helpers.checks.nb01 import ex1``."""
