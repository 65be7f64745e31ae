"""Fixtures of the security suite (shared ones are in tests/conftest.py).

The double-submit and lost-update probes over the URL registry live with the guard they test:
tests/core/test_guard.py (every `…edit` page saved twice from a stale copy, every new-record
page sent twice).
"""
