from tests.views.conftest import recorded_messages  # noqa: F401  (the same recorded message boxes)
