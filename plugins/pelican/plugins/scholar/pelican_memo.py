"""Pelican's memo of each post's content and summary.

``pelican.utils.memoized`` decorates ``Content.get_content`` and
``Content.get_summary``: it keeps, for the whole process, every value they
returned, by their arguments, the post itself among them. Pelican exposes
that dict as the method's ``cache`` (pelican-render-math empties it the same
way). Two things here need it: a summary memoised before Pelican resolved
its links is forgotten (:func:`.handlers.forget_early_summaries`), and a
process that builds again forgets every entry after each build
(:func:`.warm_build.forget_memoized_contents`). Where Pelican's memo is not
what this expects, there is nothing to forget: these return nothing.
"""

from __future__ import annotations

from typing import Any


def _content_classes() -> list[type]:
    """Pelican's ``Content`` and every subclass of it (a plugin's too)."""
    from pelican.contents import Content  # noqa: PLC0415

    classes: list[type] = [Content]
    for cls in classes:
        classes += [sub for sub in cls.__subclasses__() if sub not in classes]
    return classes


def _memo_of(value: Any) -> dict[Any, Any] | None:
    """Return the dict of a ``pelican.utils.memoized`` method, else ``None``."""
    try:
        from pelican.utils import memoized  # noqa: PLC0415
    except ImportError:
        return None
    cache = getattr(value, "cache", None)
    return cache if isinstance(value, memoized) and isinstance(cache, dict) else None


def summary_memo() -> dict[Any, Any] | None:
    """Return the memo of ``Content.get_summary``: ``(post, siteurl)`` to summary."""
    from pelican.contents import Content  # noqa: PLC0415

    return _memo_of(vars(Content).get("get_summary"))


def content_memos() -> list[dict[Any, Any]]:
    """Return the memo of every memoised method of the content classes."""
    memos = []
    for cls in _content_classes():
        for value in vars(cls).values():
            memo = _memo_of(value)
            if memo is not None:
                memos.append(memo)
    return memos
