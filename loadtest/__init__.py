"""Load and fault harness for the running app (issue 7): an asyncio HTTP client over
loopback, scenarios, fault injection and a reconciler that proves every acknowledged
attempt is stored exactly once. Run ``python -m loadtest --help``."""
