from pathlib import Path

from pelican.plugins.scholar.sitecheck import broken_links, drafts_in


def write(root: Path, path: str, html: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"<!DOCTYPE html><html><body>{html}</body></html>", encoding="utf-8"
    )


def test_links_anchors_and_directory_indexes(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.html",
        '<h2 id="top">x</h2><a href="#top">ok</a><a href="#nope">bad</a>',
    )
    write(tmp_path, "tags/index.html", '<h2 id="rl">RL</h2><a name="old">x</a>')
    write(
        tmp_path,
        "posts/a/index.html",
        '<a href="../../tags/#rl">ok</a><a href="/tags/#old">ok</a><a href="/tags/#gone">bad</a>'
        '<a href="/missing/">bad</a><a href="https://other.example/x">skip</a>'
        '<a href="mailto:a@b.c">skip</a><img src="/img.png" alt="">'
        '<a href="https://blog.example.net/tags/#rl">ok</a><a href="https://blog.example.net/x.html">bad</a>',
    )
    problems = {
        (p.page, p.href, p.problem)
        for p in broken_links(tmp_path, "https://blog.example.net")
    }
    assert problems == {
        ("index.html", "#nope", "no such anchor"),
        ("posts/a/index.html", "/tags/#gone", "no such anchor"),
        ("posts/a/index.html", "/missing/", "no such page or file"),
        ("posts/a/index.html", "/img.png", "no such page or file"),
        (
            "posts/a/index.html",
            "https://blog.example.net/x.html",
            "no such page or file",
        ),
    }


def test_drafts_in(tmp_path: Path) -> None:
    assert drafts_in(tmp_path) == []
    write(tmp_path, "drafts/wip.html", "x")
    assert drafts_in(tmp_path) == ["drafts/wip.html"]
