"""Shared fixtures for the judging tests (derivations.check / steps / worker)."""

from collections.abc import Iterator

import pytest

from derivations import worker


@pytest.fixture
def patient_worker() -> Iterator[None]:
    """A long proof deadline, so assertions about *how* a verdict was reached do not
    depend on how busy the shared test machine is."""
    before = worker.deadline()
    worker.configure(deadline=30.0)
    yield
    worker.configure(deadline=before)
