"""A Socket Mode server for tests: WebSocket on loopback, envelopes out, acks in."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import socket
import struct
import threading
import time
import uuid
from typing import Any

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class SocketModeServer:
    """Accept the bot's WebSocket connections; send envelopes; drop connections on demand."""

    def __init__(self) -> None:
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(5)
        self.connections: list[socket.socket] = []
        self.acks: list[str] = []
        self.connects = 0
        self._lock = threading.Lock()
        self._stopping = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        """Return the ws:// URL the fake Slack hands out."""
        return f"ws://127.0.0.1:{self.listener.getsockname()[1]}/link"

    def _accept(self) -> None:
        while not self._stopping:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(4096)
            if not chunk:
                return
            request += chunk
        key = ""
        for line in request.decode("latin-1").split("\r\n"):
            if line.lower().startswith("sec-websocket-key:"):
                key = line.split(":", 1)[1].strip()
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        conn.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )
        with self._lock:
            self.connections.append(conn)
            self.connects += 1
        self._send(conn, {"type": "hello", "num_connections": 1, "debug_info": {}})
        try:
            while True:
                opcode, payload = self._read_frame(conn)
                if opcode == 0x8:
                    return
                if opcode == 0x9:
                    self._frame(conn, 0xA, payload)
                elif opcode == 0x1:
                    data = json.loads(payload)
                    if "envelope_id" in data:
                        with self._lock:
                            self.acks.append(str(data["envelope_id"]))
        except (OSError, ValueError):
            return

    def _read_exact(self, conn: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                raise OSError("closed")
            data += chunk
        return data

    def _read_frame(self, conn: socket.socket) -> tuple[int, bytes]:
        first, second = self._read_exact(conn, 2)
        opcode, length = first & 0x0F, second & 0x7F
        if length == 126:
            length = struct.unpack(">H", self._read_exact(conn, 2))[0]
        elif length == 127:
            length = struct.unpack(">Q", self._read_exact(conn, 8))[0]
        mask = self._read_exact(conn, 4) if second & 0x80 else b""
        payload = self._read_exact(conn, length)
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return opcode, payload

    def _frame(self, conn: socket.socket, opcode: int, payload: bytes) -> None:
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([len(payload)])
        elif len(payload) < 65536:
            header += bytes([126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([127]) + struct.pack(">Q", len(payload))
        conn.sendall(header + payload)

    def _send(self, conn: socket.socket, data: dict[str, Any]) -> None:
        self._frame(conn, 0x1, json.dumps(data).encode())

    def send_event(self, body: dict[str, Any]) -> str:
        """Send an events_api envelope on the newest connection; return its envelope id."""
        envelope = str(uuid.uuid4())
        with self._lock:
            conn = self.connections[-1]
        self._send(
            conn,
            {
                "envelope_id": envelope,
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": 0,
                "payload": body,
            },
        )
        return envelope

    def drop(self) -> None:
        """Cut every open connection without a close frame (a network failure)."""
        with self._lock:
            connections, self.connections = self.connections, []
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def wait_connects(self, count: int, timeout: float = 20.0) -> None:
        """Wait until the bot has connected ``count`` times."""
        deadline = time.monotonic() + timeout
        while self.connects < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"only {self.connects} connections")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop accepting and drop everything."""
        self._stopping = True
        self.drop()
        self.listener.close()
