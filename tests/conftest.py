"""Project-wide test settings: deterministic Hypothesis, no network."""

from hypothesis import HealthCheck, settings

# Derandomized so CI and local runs explore the same examples; a failing example is
# reproducible from the test name alone.
settings.register_profile(
    "default",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("default")


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last.

    pytest-playwright's sync API keeps an asyncio event loop running in the main thread
    for the rest of the session once a browser has started, so any later test that calls
    ``asyncio.run`` (the load harness, the PostgreSQL concurrency tests) would fail.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
