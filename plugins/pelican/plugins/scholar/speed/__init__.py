"""pelican-scholar's speed plugin: the same site, built faster (opt-in).

Add it after the core plugin::

    PLUGINS = ["pelican.plugins.scholar", "pelican.plugins.scholar.speed"]

It reads content files in forked worker processes (:mod:`.parallel`),
memoises typogrify across builds (:mod:`.typography`) and renders only the
pages whose inputs changed (:mod:`.incremental`). These rely on Pelican
internals, listed and checked at start-up in :mod:`.internals`: on a Pelican
they do not fit, the plugin logs one warning and steps aside, and the build
is the same, only slower. Its settings are in the README's settings table.
"""

from .plugin import register

__all__ = ["register"]
