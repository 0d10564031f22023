"""The speed plugin remembers pelican-katex's renders for the rest of a process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pelican_katex import rendering

from pelican.plugins.scholar.speed import katex_renders


class CountingSocket:
    """A socket that counts the requests sent through it."""

    def __init__(self, sock: Any) -> None:
        self.sock = sock
        self.requests = 0

    def sendall(self, data: bytes) -> None:
        self.requests += data.startswith(b"{")  # the JSON, not its length
        self.sock.sendall(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sock, name)


@pytest.fixture
def counted() -> Iterator[CountingSocket]:
    """pelican-katex's render server, its requests counted, the memo removed after."""
    server = rendering.RenderServer.get()
    counting = CountingSocket(server.sock)
    server.sock = counting
    try:
        yield counting
    finally:
        server.sock = counting.sock
        katex_renders.remove_memo()
        katex_renders._ANSWERS.clear()


def test_a_formula_rendered_again_is_answered_from_memory(
    counted: CountingSocket,
) -> None:
    first = rendering.render_latex(r"\frac{a}{b} + x^2_{i}")
    assert counted.requests == 1
    assert katex_renders.install_memo() is None
    assert rendering.render_latex(r"\frac{a}{b} + x^2_{i}") == first
    assert counted.requests == 2
    assert rendering.render_latex(r"\frac{a}{b} + x^2_{i}") == first
    display = rendering.render_latex(r"\frac{a}{b} + x^2_{i}", {"displayMode": True})
    assert counted.requests == 3  # other options: another request
    assert display != first
    katex_renders.remove_memo()
    katex_renders.install_memo()  # the next build of the process
    assert rendering.render_latex(r"\frac{a}{b} + x^2_{i}") == first
    assert counted.requests == 3
    katex_renders.remove_memo()
    assert rendering.render_latex(r"\frac{a}{b} + x^2_{i}") == first
    assert counted.requests == 4


def test_an_error_is_asked_for_and_reported_again(counted: CountingSocket) -> None:
    assert katex_renders.install_memo() is None
    for expected in (1, 2):
        with pytest.raises(rendering.KaTeXError, match="Unexpected end of input"):
            rendering.render_latex(r"\frac{a", {"throwOnError": True})
        assert counted.requests == expected


def test_a_render_method_of_another_shape_is_left_alone() -> None:
    class OtherServer:
        def render(self, request: dict) -> dict:
            return {"html": str(request)}

    reason = katex_renders.unexpected_reason(OtherServer)
    assert reason == "pelican_katex's RenderServer.render takes ('self', 'request')"

    class SameShape:
        def render(self, request: dict, timeout: float | None = None) -> dict:
            return {"html": str(request)}

    reason = katex_renders.unexpected_reason(SameShape)
    assert reason is not None
    assert "json.dumps(request)" in reason
    assert katex_renders.unexpected_reason(rendering.RenderServer) is None


def test_the_speed_plugin_says_once_why_renders_are_not_kept(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from pelican.plugins.scholar.speed import handlers  # noqa: PLC0415

    monkeypatch.setattr(handlers, "_katex_warned", False)
    monkeypatch.setattr(katex_renders, "install_memo", lambda: "it changed")
    handlers._keep_katex_renders()
    handlers._keep_katex_renders()
    warnings = [r.getMessage() for r in caplog.records if "KaTeX" in r.getMessage()]
    assert warnings == [
        "pelican.plugins.scholar.speed does not remember KaTeX renders: it changed"
    ]
