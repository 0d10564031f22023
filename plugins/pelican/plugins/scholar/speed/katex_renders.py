"""pelican-katex's renders remembered for the rest of the process.

pelican-katex sends each formula of a post its reader reads to a Node.js
render server and waits for the answer: about 0.3 ms a formula, 45 ms for
the 140 formulas of the demo's longest post. A process that builds again
(``invoke livereload``'s warm build) reads an edited post again with all its
formulas, most of them unchanged. The answer depends only on the request
(the formula with its preamble, and KaTeX's options, all in one JSON
object), so :func:`install_memo` wraps ``RenderServer.render`` to answer a
request it has seen from memory; only an answer holding ``html`` is kept,
so an error is asked for, and reported, again. :func:`remove_memo` puts
pelican-katex's method back.

``RenderServer.render(self, request, timeout=None)`` sending
``json.dumps(request)`` is an internal of pelican-katex, checked by
:func:`unexpected_reason` before the wrapper goes in.
"""

from __future__ import annotations

import functools
import json
import sys
from typing import Any, Final

from .internals import source_problems
from .stand_ins import is_stand_in, original_of, put_back, put_in_place

#: At most this many answers are kept (a few MB); then the memory starts again.
MAX_KEPT: Final = 20_000
#: What pelican-katex's ``RenderServer.render`` must contain to be wrapped.
EXPECTED_SOURCE: Final = ("json.dumps(request)", "return json.loads(")
#: The parameters of ``RenderServer.render`` in pelican-katex 1.x.
EXPECTED_PARAMETERS: Final = ("self", "request", "timeout")
#: The answers this process was given, by their request (as sorted JSON).
_ANSWERS: dict[str, dict[str, Any]] = {}


def render_server_class() -> type | None:
    """Return pelican-katex's ``RenderServer`` if that plugin is loaded."""
    rendering = sys.modules.get("pelican_katex.rendering")
    return getattr(rendering, "RenderServer", None)


def unexpected_reason(server_class: type) -> str | None:
    """Say why ``server_class.render`` is not the method the memo expects."""
    problems = source_problems(
        "pelican_katex's RenderServer.render",
        original_of(getattr(server_class, "render", None)),
        EXPECTED_SOURCE,
        EXPECTED_PARAMETERS,
    )
    return problems[0] if problems else None


def install_memo() -> str | None:
    """Wrap pelican-katex's render, if it is loaded and as expected.

    Returns why it was not wrapped, when pelican-katex is loaded but not as
    expected; ``None`` otherwise.
    """
    server_class = render_server_class()
    if server_class is None or is_stand_in(server_class.render):
        return None
    reason = unexpected_reason(server_class)
    if reason is not None:
        return reason
    current = server_class.render

    @functools.wraps(current)
    def render(self: Any, request: Any, timeout: float | None = None) -> Any:
        key = json.dumps(request, sort_keys=True)
        if key in _ANSWERS:
            return dict(_ANSWERS[key])
        response = current(self, request, timeout)
        if isinstance(response, dict) and "html" in response:
            if len(_ANSWERS) >= MAX_KEPT:
                _ANSWERS.clear()
            _ANSWERS[key] = dict(response)
        return response

    put_in_place(server_class, "render", render, current)
    return None


def remove_memo() -> None:
    """Put pelican-katex's own method back, if the wrapper stands in for it."""
    server_class = render_server_class()
    if server_class is not None:
        put_back(server_class, "render")
