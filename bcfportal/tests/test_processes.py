"""A gunicorn worker settles once it has loaded the portal: its garbage collector."""

import gc
import runpy
from pathlib import Path

import pytest

from bcfportal.processes import YOUNGEST

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def collector():
    """The test process's collector as it was, after the test."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_a_worker_freezes_what_it_loaded_and_collects_its_youngest_objects_less_often(
    collector,
):
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    runpy.run_path(str(CONF))["post_worker_init"](None)
    assert gc.get_freeze_count() > 1000  # what the portal made as it loaded
    assert gc.get_threshold() == (YOUNGEST, 10, 10)
    assert YOUNGEST == 10_000
