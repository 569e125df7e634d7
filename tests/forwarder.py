"""A local TCP port in front of the PostgreSQL server that can be taken down and back up:
a real lost connection (the server stays up for everyone else)."""

from __future__ import annotations

import select
import socket
import threading
from typing import Any


class Forwarder:
    """Connect to `127.0.0.1:port` instead of the server; `down()` cuts every connection
    through it and refuses new ones until `up()`."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def up(self) -> None:
        self._stop.clear()
        server = socket.create_server(("127.0.0.1", self.port))
        server.settimeout(0.05)
        self._spawn(self._accept, server)

    def down(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads = []

    def _spawn(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self, server: socket.socket) -> None:
        with server:
            while not self._stop.is_set():
                try:
                    client, _ = server.accept()
                except TimeoutError:
                    continue
                upstream = socket.create_connection(self.target)
                self._spawn(self._pump, client, upstream)

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        with a, b:
            while not self._stop.is_set():
                ready, _, _ = select.select([a, b], [], [], 0.05)
                for source in ready:
                    data = source.recv(65536)
                    if not data:
                        return
                    (b if source is a else a).sendall(data)
