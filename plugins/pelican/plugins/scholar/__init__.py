"""pelican-scholar: reading time, summaries and posts-by-tag for Pelican.

Use it from a site's ``pelicanconf.py``::

    from pelican.plugins.scholar import theme_path

    THEME = theme_path()
    PLUGINS = ["pelican.plugins.scholar"]
"""

from .plugin import register
from .theme_location import theme_path

__all__ = ["register", "theme_path"]
