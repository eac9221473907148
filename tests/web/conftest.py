"""Flask app fixtures (the application factory pattern of Flask's tutorial)."""

import pytest

from jobkit.web import create_app


@pytest.fixture
def app():
    return create_app({"SECRET_KEY": "test", "TESTING": True, "WTF_CSRF_ENABLED": False, "JOBKIT_ISOLATE": False})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_client():
    app = create_app({"SECRET_KEY": "test", "TESTING": True, "JOBKIT_ISOLATE": False})
    return app.test_client()
