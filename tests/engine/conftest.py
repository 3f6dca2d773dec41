"""Shared fixtures for the engine tests."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    """A fixed-seed generator: every engine test is reproducible."""
    return np.random.default_rng(20240601)
