"""Moving a Jekyll site to Pelican: ``pelican-scholar import academicpages SRC DEST``.

The command (:mod:`.cli`) reads an academicpages (or Minimal Mistakes) site
and writes a Pelican site that builds on this theme: the settings from
``_config.yml``, every post, page and collection item with its old URL, the
bodies rewritten from kramdown and Liquid to Python-Markdown, and a report of
everything that needs a hand.
"""
