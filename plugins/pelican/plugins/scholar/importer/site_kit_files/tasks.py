"""The site's invoke tasks (``invoke --list``), from the pelican-scholar package."""

from pelican.plugins.scholar.site_tasks import *  # noqa: F403
