from pathlib import Path

from conftest import REPO_ROOT

from pelican.plugins.scholar import theme_path
from pelican.plugins.scholar.i18n import untranslated
from pelican.plugins.scholar.plain_titles import escape_plain_text


def test_untranslated_fills_named_placeholders() -> None:
    assert untranslated("%(minutes)s minute read", minutes=15) == "15 minute read"


def test_untranslated_leaves_a_plain_message_alone() -> None:
    assert untranslated("100% read") == "100% read"


def test_theme_path_in_a_checkout_is_the_repository_theme() -> None:
    path = Path(theme_path())
    assert path == REPO_ROOT / "theme"
    assert (path / "templates" / "tags.html").is_file()


def test_escape_plain_text_keeps_entities() -> None:
    assert escape_plain_text("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert (
        escape_plain_text("AT&amp;T &#8217; &#x2019; &nbsp;")
        == "AT&amp;T &#8217; &#x2019; &nbsp;"
    )
    assert escape_plain_text("R&D;x &") == "R&D;x &amp;"
