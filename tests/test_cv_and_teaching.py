"""Teaching's term and role, and a CV page listing the collections with their partials."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import run_pelican, soup, write_site
from test_bib_publications import PAPERS, site_settings

if TYPE_CHECKING:
    from pathlib import Path

TEACHING = """\
---
title: "Reinforcement Learning"
type: "Graduate course"
venue: "University of Somewhere"
location: "Zurich"
date: 2025-02-01
term: "Spring 2025"
role: "Co-instructor"
---
The course.
"""
TALK = """\
---
title: "Routing Replay"
type: "Invited talk"
venue: "Systems Seminar"
location: "Lausanne"
date: 2025-05-01
---
The talk.
"""
CV = """\
---
title: CV
template: cv
cv_sections: "publications, teaching, seminars"
---
My experience.
"""


def build_cv(tmp_path: Path) -> tuple[Path, str]:
    site = write_site(
        tmp_path / "site",
        {
            "bibliography/papers.bib": PAPERS,
            "teaching/2025-rl.md": TEACHING,
            "talks/2025-replay.md": TALK,
            "pages/cv.md": CV,
            "posts/hello.md": "Title: Hello\nDate: 2024-01-01\n\nText.\n",
        },
        site_settings('PAGE_URL = "{slug}/"\nPAGE_SAVE_AS = "{slug}/index.html"\n'),
    )
    result = run_pelican(site, tmp_path / "out", "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "out", " ".join((result.stdout + result.stderr).split())


def test_teaching_shows_term_and_role(tmp_path: Path) -> None:
    out, _ = build_cv(tmp_path)
    for page in (
        out / "teaching" / "index.html",
        out / "teaching" / "reinforcement-learning" / "index.html",
    ):
        role = soup(page).select_one(".collection-item__role")
        assert role.get_text() == "Term: Spring 2025 · Role: Co-instructor"
    facts = soup(out / "teaching" / "index.html").select_one(".collection-item__facts")
    assert facts.get_text() == "Graduate course, University of Somewhere, Zurich"


def test_the_cv_lists_the_sections_it_names_with_the_listing_partials(
    tmp_path: Path,
) -> None:
    out, log = build_cv(tmp_path)
    cv = soup(out / "cv" / "index.html")
    assert "My experience." in cv.get_text()
    sections = [
        (section.h2.get_text(), [h.get_text(strip=True) for h in section.select("h3")])
        for section in cv.select(".cv-section")
    ]
    assert sections == [
        (
            "Publications",
            [
                "A Preprint on Distillation",
                "Policy Gradients with LLM Judges",
                "Routing Replay at Scale",
                "Learning to Reason",
                "Notes Without a Year",
            ],
        ),
        ("Teaching", ["Reinforcement Learning"]),
    ]
    # The same partial as the listing: buttons and the teaching role.
    assert cv.select_one("#pub-castellan2024policy .publication__button") is not None
    assert cv.select_one(".cv-section .collection-item__role") is not None
    assert "cv.md: cv_sections names 'seminars', which is no collection" in log
