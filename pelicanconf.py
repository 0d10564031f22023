"""Settings of the demo site: a research blog built with pelican-scholar.

This file uses the bundle exactly as any other Pelican site would: the theme
path comes from the installed package and the plugin is named, not copied.
``publishconf.py`` builds on it for production.
"""

from pelican.plugins.scholar import theme_path

AUTHOR = "Mira Castellan"
SITENAME = "Mira Castellan"
SITESUBTITLE = "Notes on reinforcement learning for language models"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]

THEME = theme_path()
PLUGINS = [
    "pelican.plugins.scholar",
    # Optional: the same site, built faster (parallel reading, memo, incremental).
    "pelican.plugins.scholar.speed",
    "pelican_katex",
]

# Math: $...$ and $$...$$ rendered at build time by pelican-katex, with its
# default output: KaTeX's HTML, laid out by the theme's copy of KaTeX's
# stylesheet and fonts (on pages with formulas only), and MathML for screen
# readers. No script runs and nothing comes from elsewhere.

# Fixed, so the build is the same on every machine.
TIMEZONE = "Europe/Zurich"
LOCALE = ("C.UTF-8", "C")
DEFAULT_LANG = "en"

# Markdown: Pelican's defaults plus heading ids and permalinks (the theme's
# table of contents and heading anchors need them).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {
            "permalink": "#",
            "permalink_class": "headerlink",
            "permalink_title": "Link to this section",
        },
    },
    "output_format": "html5",
}

TYPOGRIFY = True
# Leave code and formulas alone: smart quotes inside them would change them.
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", ".katex", "math"]

# Posts by Tags lives at /tags/, as on the reference site.
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARTICLE_URL = "posts/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "posts/{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = ["index", "tags", "archives", "404", "robots", "search"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
SCHOLAR_SEARCH = True  # Pagefind index, built at the end of every build
ROBOTS_SAVE_AS = "robots.txt"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "posts/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "posts/{date:%Y}/index.html"

DEFAULT_PAGINATION = 10

# The author sidebar (theme settings).
SCHOLAR_BIO = (
    "Research engineer working on reinforcement learning for large language "
    "models: post-training infrastructure, reasoning and agents."
)
SCHOLAR_LOCATION = "Zurich, Switzerland"
SCHOLAR_LINKS = [
    ("email", "mira@example.org"),
    ("github", "https://github.com/example"),
]

# Research content: the publications page comes from content/bibliography/
# (the default SCHOLAR_BIBLIOGRAPHY); Mira's own name, as her .bib writes it,
# is shown in bold there.
SCHOLAR_OWNER_NAMES = ["Mira Castellan", "M. Castellan"]
# The posts cite with [@key] and read as they did with hand-written
# references: numbered citations, "[1]", and a numbered References list.
SCHOLAR_CITATION_STYLE = "numeric"

# `invoke build` turns Pelican's content cache on (see tasks.py); storing it
# uncompressed saves the gzip pass, most of the cost of saving it.
GZIP_CACHE = False

# Feeds are for production; local builds skip them (see publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Root-relative URLs ("/posts/..."): with RELATIVE_URLS, Pelican resolves links
# inside a summary relative to the post, which breaks them on listing pages
# that sit at another depth (such as /tags/).
RELATIVE_URLS = False
