"""HTTP mode: a threaded server that hands Slack's requests to bolt at /slack/events."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_bolt import App
from slack_bolt.request import BoltRequest

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_BODY = 5_000_000


def make_handler(app: App) -> type[BaseHTTPRequestHandler]:
    """Return a request handler class bound to a bolt app."""

    class SlackRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("http: " + format, *args)

        def _send(self, status: int, body: bytes, headers: dict[str, Any] | None = None) -> None:
            self.send_response(status)
            for name, values in (headers or {}).items():
                for value in values if isinstance(values, list) else [values]:
                    if name.lower() != "content-length":
                        self.send_header(name, str(value))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            if path in ("/healthz", "/health"):
                self._send(200, b"ok", {"Content-Type": "text/plain"})
                return
            flow = app.oauth_flow
            if flow is not None and path in (flow.install_path, flow.redirect_uri_path):
                headers: dict[str, str | Sequence[str]] = {
                    k.lower(): [v] for k, v in self.headers.items()
                }
                request = BoltRequest(body="", query=query, headers=headers)
                if path == flow.install_path:
                    response = flow.handle_installation(request)
                else:
                    response = flow.handle_callback(request)
                self._send(response.status, (response.body or "").encode("utf-8"), response.headers)
                return
            self._send(404, b"not found", {"Content-Type": "text/plain"})

        def do_POST(self) -> None:
            path = self.path.split("?", 1)[0]
            if path != EVENTS_PATH:
                self._send(404, b"not found", {"Content-Type": "text/plain"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send(413, b"too large", {"Content-Type": "text/plain"})
                return
            body = self.rfile.read(length).decode("utf-8")
            headers: dict[str, str | Sequence[str]] = {
                k.lower(): [v] for k, v in self.headers.items()
            }
            response = app.dispatch(BoltRequest(body=body, headers=headers))
            self._send(response.status, (response.body or "").encode("utf-8"), response.headers)

    return SlackRequestHandler


class SlackHTTPServer:
    """Serve a bolt app over HTTP on a host and port (port 0 picks a free one)."""

    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 3000) -> None:
        self.httpd = ThreadingHTTPServer((host, port), make_handler(app))
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """Return the port the server listens on."""
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        """Return the events URL."""
        host = str(self.httpd.server_address[0])
        return f"http://{host}:{self.port}{EVENTS_PATH}"

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted."""
        self.httpd.serve_forever()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
