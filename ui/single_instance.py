"""One workstation per desk: a local socket that later starts (and `main.py pop`) talk to.

The first workstation listens on a per-user local server (a named pipe on Windows, a socket
elsewhere: QLocalServer). A second start sends it a message and exits instead of opening a
second window; a telephony system's `main.py pop --phone N` sends a screen-pop the same way.
Messages are one JSON object per line.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
MAX_MESSAGE_BYTES = 64 * 1024


def server_name(suffix: str = "") -> str:
    """The desk's server name: one per user account (two users on one PC get one each)."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: still one shared name per machine
        user = "desk"
    digest = hashlib.sha1(f"{user}{suffix}".encode()).hexdigest()[:12]
    return f"service-desk-workstation-{digest}"


def send_to_running(message: dict[str, Any], name: str | None = None) -> bool:
    """Hand `message` to the running workstation; False when none is running."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
    written = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
    return written


class InstanceServer(QObject):
    """Listens for messages from later starts; `message(dict)` on the GUI thread."""

    message = Signal(object)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a socket left by a crashed workstation is removed first."""
        if self._server.listen(self._name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self._name)
            return self._server.listen(self._name)
        log.warning("single-instance server not started: %s", self._server.errorString())
        return False

    def close(self) -> None:
        """Stop listening and let go of open connections (before this object is deleted: a
        socket's destructor emits `disconnected`, which must not reach a slot any more)."""
        self._server.close()
        for socket in list(self._buffers):
            socket.readyRead.disconnect()
            socket.disconnected.disconnect()
            socket.abort()
            socket.deleteLater()
        self._buffers.clear()

    @Slot()
    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        while b"\n" in data:
            line, data = data.split(b"\n", 1)
            self._deliver(line)
        if len(data) > MAX_MESSAGE_BYTES:
            data = b""
        self._buffers[socket] = data

    def _drop(self, socket: QLocalSocket) -> None:
        rest = self._buffers.pop(socket, b"")
        if rest.strip():
            self._deliver(rest)
        socket.deleteLater()

    def _deliver(self, line: bytes) -> None:
        try:
            message = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            log.warning("ignored a malformed message on the single-instance socket")
            return
        if isinstance(message, dict):
            self.message.emit(message)
