"""Entry point for `flask --app app run` and `gunicorn "app:app"`: a thin shell over jobkit.web."""

from jobkit.web import create_app

app = create_app()
