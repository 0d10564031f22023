"""pelican-katex's render server, connected to once it listens.

pelican-katex starts a Node.js render server the first time a process
renders a formula, and connects to its Unix socket as soon as the socket
file exists. Node.js creates that file before it listens on it, so the
connection is sometimes refused, more often on a busy machine: the post
being read then fails with "Could not process", and the build with it (seen
in the warm build of ``invoke livereload``, on the first save of a post with
math after it started). pelican-katex's own network-socket start, for other
systems, tries again while the connection is refused;
:func:`install_retry` puts a stand-in for ``RenderServer.start_unix_socket``
in place for the build that does the same, until pelican-katex's start-up
timeout, and :func:`remove_retry` puts pelican-katex's method back.

The stand-in starts the server with pelican-katex's own
``RenderServer.build_command`` and reports a timeout with its own
``timeout_error``; that, and what ``start_unix_socket`` is, are internals
of pelican-katex, checked by :func:`unexpected_reason` before the stand-in
goes in.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import subprocess
import time
from typing import TYPE_CHECKING, Any, Final

from .internals import source_problems
from .katex_renders import render_server_class
from .stand_ins import MARK, is_stand_in

if TYPE_CHECKING:
    from pathlib import Path

#: What pelican-katex's ``RenderServer.start_unix_socket`` must contain.
EXPECTED_SOURCE: Final = (
    'socket_path = rundir / "katex.sock"',
    "cls.build_command(socket=socket_path)",
    "sock.connect(str(socket_path))",
    "return process, sock",
)
#: Its parameters in pelican-katex 1.x (a class method).
EXPECTED_PARAMETERS: Final = ("rundir", "timeout")
#: How long to wait between two tries, in seconds.
PAUSE: Final = 0.005


def unexpected_reason(server_class: type) -> str | None:
    """Say why ``server_class.start_unix_socket`` is not what the stand-in replaces."""
    problems = source_problems(
        "pelican_katex's RenderServer.start_unix_socket",
        getattr(server_class, "start_unix_socket", None),
        EXPECTED_SOURCE,
        EXPECTED_PARAMETERS,
    )
    if problems:
        return problems[0]
    if not callable(getattr(server_class, "build_command", None)) or not callable(
        getattr(server_class, "timeout_error", None)
    ):
        return "pelican_katex's RenderServer has no build_command or timeout_error"
    return None


def start_when_listening(
    server_class: Any, rundir: Path, timeout: float
) -> tuple[subprocess.Popen[bytes], socket.socket]:
    """Start the render server in ``rundir``; connect once it listens.

    Gives up, stopping the server, after ``timeout`` seconds, with
    pelican-katex's own timeout error.
    """
    socket_path = rundir / "katex.sock"
    command = server_class.build_command(socket=socket_path)
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=rundir
    )
    deadline = time.monotonic() + timeout
    while True:
        if socket_path.is_socket():
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                connection.settimeout(max(deadline - time.monotonic(), PAUSE))
                connection.connect(str(socket_path))
            except ConnectionRefusedError:  # there, not listening yet
                connection.close()
            except OSError:
                connection.close()
                _stop(process)
                raise
            else:
                connection.settimeout(None)
                return process, connection
        if time.monotonic() > deadline:
            _stop(process)
            raise server_class.timeout_error(timeout)
        time.sleep(PAUSE)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a render server that could not be connected to."""
    process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def install_retry() -> str | None:
    """Put the stand-in in place, if pelican-katex is loaded and as expected.

    Returns why it was not put in place, when pelican-katex is loaded but
    not as expected; ``None`` otherwise.
    """
    server_class = render_server_class()
    if server_class is None or is_stand_in(server_class.start_unix_socket):
        return None
    reason = unexpected_reason(server_class)
    if reason is not None:
        return reason
    original = vars(server_class)["start_unix_socket"]

    @functools.wraps(server_class.start_unix_socket)
    def start_unix_socket(
        cls: Any, rundir: Path, timeout: float
    ) -> tuple[subprocess.Popen[bytes], socket.socket]:
        return start_when_listening(cls, rundir, timeout)

    setattr(start_unix_socket, MARK, original)
    server_class.start_unix_socket = classmethod(start_unix_socket)
    return None


def remove_retry() -> None:
    """Put pelican-katex's own method back, if the stand-in is in its place."""
    server_class = render_server_class()
    if server_class is None:
        return
    original = getattr(server_class.start_unix_socket, MARK, None)
    if original is not None:
        server_class.start_unix_socket = original
