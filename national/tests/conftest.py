"""Fixtures of the national tests: a return's, shared with the return tests."""

from returns.tests.conftest import exported, norfolk  # noqa: F401 (fixtures)
