"""Where the bundled theme lives, for a site's ``THEME`` setting.

Provides :func:`theme_path`. In an installed wheel the theme is shipped inside
this package (``pelican/plugins/scholar/theme``); in an editable install from a
source checkout it is the ``theme/`` folder at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def theme_path() -> str:
    """Return the absolute path of the theme folder (it holds ``templates/``).

    Raises :class:`FileNotFoundError` when neither location holds the theme.
    """
    candidates = (
        _PACKAGE_DIR / "theme",  # inside a wheel
        _PACKAGE_DIR.parents[3] / "theme",  # a checkout: <repo>/plugins/pelican/...
    )
    for candidate in candidates:
        if (candidate / "templates" / "base.html").is_file():
            return str(candidate)
    searched = ", ".join(str(c) for c in candidates)
    msg = f"pelican-scholar's theme is missing; looked in {searched}"
    raise FileNotFoundError(msg)
