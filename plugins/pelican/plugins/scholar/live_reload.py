"""Live reload: rebuild on every saved change and reload the open pages.

What ``invoke livereload`` runs. Three parts, each small:

- the **watcher**: file events from the operating system (watchfiles,
  which Pelican itself depends on, over inotify), not polling. A burst of
  events (an editor writing a temporary file, then renaming it) is one
  change once 50 ms pass without another;
- the **builder**: a :mod:`.warm_build` process kept between edits, so
  each edit pays for a cached build only, not for starting Python, Pelican
  and the plugins;
- the **server**: the built site on loopback, as ``invoke serve`` serves
  it, plus an event stream (``/__live/events``, server-sent events) and a
  small script that every HTML page gets when it is served (the files on
  disk stay as the build wrote them). After a good build the script
  reloads its page; after a failed one it shows the build's errors over the
  page, until a good build reloads it.

A page opened while the last build had failed shows the errors at once.
The script reconnects by itself when the server restarts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from watchfiles import DefaultFilter, watch

if TYPE_CHECKING:
    from collections.abc import Iterable
    from http.server import ThreadingHTTPServer

    from pelican.server import ComplexHTTPRequestHandler

#: Where the pages find the event stream and the script.
EVENTS_PATH: Final = "/__live/events"
SCRIPT_PATH: Final = "/__live/reload.js"
#: How long a burst of file events may pause before it counts as one change.
QUIET_MS: Final = 50
#: Seconds between keep-alive comments on an idle event stream.
KEEP_ALIVE: Final = 15

#: The page script: reload on a good build, show the errors of a failed one.
SCRIPT: Final = r"""(() => {
  const me = document.currentScript;
  const seen = Number(me.dataset.generation);
  const events = new EventSource(me.dataset.events + "?since=" + seen);
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("failed", (event) => {
    const problems = JSON.parse(event.data);
    let box = document.getElementById("scholar-live-problems");
    if (!box) {
      box = document.createElement("div");
      box.id = "scholar-live-problems";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0 0 auto 0;z-index:2147483647;" +
        "max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;" +
        "background:#fff4f4;color:#5c0000;border-bottom:3px solid #b00020;" +
        "font:0.95rem/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;" +
        "white-space:pre-wrap;box-shadow:0 2px 8px rgb(0 0 0 / 25%)";
      document.body.append(box);
    }
    box.textContent = "The build failed; fix it and save again.\n\n" +
      problems.join("\n\n");
  });
})();
"""


class LiveState:
    """The number of the last good build and the problems of a failed one."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        #: Counts the good builds; a page is current if it saw the last one.
        self.generation = 0
        #: The errors of the last build, when it failed.
        self.problems: list[str] | None = None

    def built(self, result: dict[str, Any]) -> None:
        """Record a build's result and wake every waiting event stream."""
        with self.changed:
            if result["ok"]:
                self.generation += 1
                self.problems = None
            else:
                self.problems = list(result["problems"])
            self.changed.notify_all()

    def wait_for_news(
        self, seen: int, shown: list[str] | None
    ) -> tuple[int, list[str] | None]:
        """Wait until a build differs from what a page saw, or a while passes."""
        with self.changed:
            self.changed.wait_for(
                lambda: self.generation != seen or self.problems != shown,
                timeout=KEEP_ALIVE,
            )
            return self.generation, self.problems

    def snapshot(self) -> tuple[int, list[str] | None]:
        """Return the generation and the problems, read together."""
        with self.changed:
            return self.generation, self.problems


def with_reload_script(html: bytes, generation: int) -> bytes:
    """Return ``html`` with the reload script before its ``</body>`` (or at its end)."""
    tag = (
        f'<script src="{SCRIPT_PATH}" data-events="{EVENTS_PATH}"'
        f' data-generation="{generation}"></script>'
    ).encode()
    index = html.rfind(b"</body>")
    if index == -1:
        return html + tag
    return html[:index] + tag + html[index:]


def live_handler(
    base: type[ComplexHTTPRequestHandler], state: LiveState
) -> type[ComplexHTTPRequestHandler]:
    """Return a request handler serving the site as ``base`` does, and live."""

    class LiveRequestHandler(base):  # type: ignore[valid-type, misc]
        """Serves the event stream, the script, and pages with the script.

        Every answer says how the browser may cache it: pages, the script and
        the stream not at all (``no-store``); every other file only after
        checking it again (``no-cache``, an unchanged file costs a 304), so
        a reloaded page never keeps an edited stylesheet from the cache.
        """

        #: The ``Cache-Control`` of the answer being sent.
        cache_control = "no-cache"

        def do_GET(self) -> None:
            """Answer the live paths; give HTML pages the script."""
            self.cache_control = "no-cache"
            path = self.path.split("?", 1)[0]
            if path == EVENTS_PATH:
                self._stream_events()
            elif path == SCRIPT_PATH:
                self._send(SCRIPT.encode(), "text/javascript; charset=utf-8")
            elif (page := self._html_file(path)) is not None:
                generation, _ = state.snapshot()
                html = with_reload_script(page.read_bytes(), generation)
                self._send(html, "text/html; charset=utf-8")
            else:
                super().do_GET()

        def _html_file(self, path: str) -> Path | None:
            found = self.get_path_that_exists(path)
            if found is None:
                return None
            file = Path(self.translate_path(found))
            if file.is_dir():
                file /= "index.html"
            return file if file.suffix == ".html" and file.is_file() else None

        def _send(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.cache_control = "no-store"
            self.end_headers()
            self.wfile.write(body)

        def _stream_events(self) -> None:
            query = self.path.partition("?")[2]
            since = dict(
                part.partition("=")[::2] for part in query.split("&") if part
            ).get("since", "")
            seen = int(since) if since.isdigit() else 0
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.cache_control = "no-store"
            self.end_headers()
            shown: list[str] | None = None
            try:
                while True:
                    generation, problems = state.wait_for_news(seen, shown)
                    if generation != seen:
                        self.wfile.write(b"event: reload\ndata: {}\n\n")
                        self.wfile.flush()
                        return
                    if problems != shown:
                        shown = problems
                        if problems is not None:
                            data = json.dumps(problems)
                            self.wfile.write(
                                f"event: failed\ndata: {data}\n\n".encode()
                            )
                    else:
                        self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except OSError:  # the page went away
                return

        def end_headers(self) -> None:
            """Say how the answer may be cached, then end its headers."""
            self.send_header("Cache-Control", self.cache_control)
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Log nothing per request: the terminal shows the builds."""

    return LiveRequestHandler


class BuildProcess:
    """The :mod:`.warm_build` process of a site, asked for one build at a time."""

    def __init__(
        self,
        settings_file: str,
        output_path: str,
        *,
        cwd: str | Path | None = None,
        stderr: int | None = None,
    ) -> None:
        """Start the process in ``cwd`` (this one's folder if ``None``).

        Its log goes to ``stderr`` (a ``subprocess`` constant), or to this
        process's standard error.
        """
        command = [sys.executable, "-m", "pelican.plugins.scholar.warm_build"]
        self.process = subprocess.Popen(
            [*command, settings_file, output_path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=cwd,
            text=True,
            bufsize=1,
        )

    def build(self, *, new_settings: bool = False) -> dict[str, Any]:
        """Build once and return the build's answer."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write("build settings\n" if new_settings else "build\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            code = self.process.wait()
            return {
                "ok": False,
                "seconds": 0,
                "problems": [f"the build process ended ({code})"],
            }
        return json.loads(answer)

    def close(self) -> None:
        """End the process."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class SourceFilter(DefaultFilter):
    """watchfiles' default filter (editor swap files, ``.git``...) less the outputs."""

    def __init__(self, ignored: Iterable[Path]) -> None:
        super().__init__()
        self.ignored = tuple(str(path.resolve()) for path in ignored)

    def __call__(self, change: Any, path: str) -> bool:
        """Keep a change unless it is in an output folder or filtered by default."""
        resolved = str(Path(path).resolve())
        if any(resolved == x or resolved.startswith(x + "/") for x in self.ignored):
            return False
        return super().__call__(change, path)


def report(result: dict[str, Any]) -> None:
    """Say on the terminal how a build went."""
    if result["ok"]:
        sys.stderr.write(f"Built in {result['seconds']:.2f} s.\n")
    else:
        sys.stderr.write("Build failed; fix it and save again:\n")
        for problem in result["problems"]:
            sys.stderr.write(f"  {problem}\n")


@dataclass(frozen=True)
class LiveSite:
    """What :func:`serve_live` builds, watches and serves, and how."""

    settings_file: str
    output_path: Path
    #: Folders and files whose changes start a build.
    watched: tuple[Path, ...]
    #: Folders under them that builds write to.
    ignored: tuple[Path, ...]
    address: tuple[str, int]
    #: The request handler and server class of ``invoke serve``.
    handler: type[ComplexHTTPRequestHandler]
    server_class: type[ThreadingHTTPServer]


def serve_live(site: LiveSite) -> None:
    """Build, serve the output at the address, rebuild on every change."""
    state = LiveState()
    builder = BuildProcess(site.settings_file, str(site.output_path))
    result = builder.build()
    report(result)
    state.built(result)
    server = site.server_class(
        str(site.output_path), site.address, live_handler(site.handler, state)
    )
    host, port = server.server_address[:2]
    sys.stderr.write(f"Serving {site.output_path} at http://{host}:{port}/, live\n")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = Path(site.settings_file).resolve()
    try:
        for changes in watch(
            *site.watched, watch_filter=SourceFilter(site.ignored), step=QUIET_MS
        ):
            changed = {Path(path).resolve() for _, path in changes}
            result = builder.build(new_settings=settings in changed)
            report(result)
            state.built(result)
    except KeyboardInterrupt:
        sys.stderr.write("Stopped.\n")
    finally:
        server.shutdown()
        server.server_close()
        builder.close()
