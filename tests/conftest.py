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
