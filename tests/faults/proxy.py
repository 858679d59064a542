"""A TCP proxy on loopback that the test can freeze: a database server that stops answering.

While frozen, the proxy keeps every connection open and accepts new ones but forwards nothing,
so the bot's driver sees what a hung server (or a network that drops packets) looks like: bytes
sent, no reply, no error. Thawed, it forwards what waited. It runs on threads of its own, apart
from the test's event loop.
"""

from __future__ import annotations

import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["FreezingProxy", "freezing_proxy"]


class FreezingProxy:
    """Forwards 127.0.0.1:``port`` to ``target``; :meth:`freeze` and :meth:`thaw` it."""

    def __init__(self, target: tuple[str, int]) -> None:
        assert target[0] in ("127.0.0.1", "localhost"), "only servers on this machine"
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._running = threading.Event()  # set: forwarding
        self._running.set()
        self._closed = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []
        self._start(self._accept)

    def freeze(self) -> None:
        self._running.clear()

    def thaw(self) -> None:
        self._running.set()

    def close(self) -> None:
        self._closed.set()
        self._running.set()
        self._listener.close()
        for sock in list(self._sockets):
            sock.close()
        for thread in self._threads:
            thread.join(5)

    def _start(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._sockets += [client, upstream]
            self._start(self._pump, client, upstream)
            self._start(self._pump, upstream, client)

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        while not self._closed.is_set():
            # Frozen: read nothing, so the bytes wait in the kernel's buffers.
            self._running.wait()
            try:
                ready, _, _ = select.select([source], [], [], 0.05)
                if not ready or not self._running.is_set():
                    continue
                data = source.recv(65536)
                if not data:
                    sink.shutdown(socket.SHUT_WR)
                    return
                sink.sendall(data)
            except OSError:
                return


@contextmanager
def freezing_proxy(target: tuple[str, int]) -> Iterator[FreezingProxy]:
    proxy = FreezingProxy(target)
    try:
        yield proxy
    finally:
        proxy.close()
