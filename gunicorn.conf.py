"""gunicorn's settings for the portal: read from this file, in the directory gunicorn is
started from (the project's, and /app in the image).

gunicorn names itself in a Server header on every response, which tells an attacker what to
look up; it has no setting to leave it out, so the header is dropped here.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server(self) -> list[str]:
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server


def post_worker_init(worker) -> None:
    """Once a worker has loaded the portal: `bcfportal.processes.settle`."""
    from bcfportal.processes import settle

    settle()
