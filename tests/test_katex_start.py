"""The speed plugin connects to pelican-katex's render server once it listens."""

from __future__ import annotations

import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pelican_katex.rendering import KaTeXError, RenderServer

from pelican.plugins.scholar.speed import katex_start

#: A stand-in for the Node.js server: it makes its socket file, and listens
#: on it only ``argv[2]`` seconds later (Node.js makes the file first too).
LATE_LISTENER = textwrap.dedent(
    """
    import socket, sys, time
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(sys.argv[1])
    time.sleep(float(sys.argv[2]))
    server.listen()
    server.settimeout(5)  # alone (nobody connects), it is gone soon
    connection, _ = server.accept()
    sys.stdin.read()
    """
)


def late_server(script: Path, delay: float) -> type[RenderServer]:
    """pelican-katex's server class, starting :data:`LATE_LISTENER` instead."""

    class LateServer(RenderServer):
        @staticmethod
        def build_command(socket: Path | None = None, port: int | None = None) -> list:
            return [sys.executable, str(script), str(socket), str(delay)]

    return LateServer


@pytest.fixture(autouse=True)
def pelican_katex_as_it_is() -> Iterator[None]:
    """pelican-katex's own method, whatever an in-process build before left."""
    katex_start.remove_retry()
    yield
    katex_start.remove_retry()


@pytest.fixture
def retrying() -> Iterator[None]:
    """The stand-in in place for one test, pelican-katex's method back after it."""
    assert katex_start.install_retry() is None
    try:
        yield
    finally:
        katex_start.remove_retry()


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "late_listener.py"
    path.write_text(LATE_LISTENER, encoding="utf-8")
    return path


def test_pelican_katex_alone_is_refused_by_a_server_not_listening_yet(
    script: Path, tmp_path: Path
) -> None:
    # The race the stand-in is for, made certain: 0.5 s between the two.
    server = late_server(script, 0.5)
    with pytest.raises(ConnectionRefusedError):
        server.start_unix_socket(tmp_path, 10)


def test_the_server_is_connected_to_once_it_listens(
    retrying: None, script: Path, tmp_path: Path
) -> None:
    server = late_server(script, 0.5)
    process, connection = server.start_unix_socket(tmp_path, 10)
    try:
        assert process.poll() is None
        assert connection.getpeername() == str(tmp_path / "katex.sock")
        assert connection.gettimeout() is None
    finally:
        connection.close()
        process.kill()
        process.wait()


def test_a_server_that_never_listens_times_out_and_is_stopped(
    retrying: None, script: Path, tmp_path: Path
) -> None:
    server = late_server(script, 60)
    started = time.monotonic()
    with pytest.raises(KaTeXError, match=r"0\.5"):
        server.start_unix_socket(tmp_path, 0.5)
    assert time.monotonic() - started < 5


def test_pelican_katex_is_as_expected_and_its_method_put_back() -> None:
    original = vars(RenderServer)["start_unix_socket"]
    assert katex_start.unexpected_reason(RenderServer) is None
    assert katex_start.install_retry() is None
    assert katex_start.install_retry() is None  # once only
    assert vars(RenderServer)["start_unix_socket"] is not original
    katex_start.remove_retry()
    assert vars(RenderServer)["start_unix_socket"] is original

    class Other(RenderServer):
        @classmethod
        def start_unix_socket(cls, rundir: Path, timeout: float) -> None:
            """Another way to start."""

    assert "no longer contains" in (katex_start.unexpected_reason(Other) or "")
