"""Jekyll's Liquid in a post body, rewritten for Pelican or reported.

Jekyll renders Liquid over the whole body before kramdown sees it, code
included; only ``{% raw %}`` protects text. So does :func:`convert_liquid`:

- ``{% include base_path %}`` is removed (academicpages' way to set
  ``base_path``);
- ``{{ base_path }}``, ``{{ site.baseurl }}``, ``{{ site.url }}`` (and
  ``{{ site.url }}{{ site.baseurl }}``) right before a path or a link tag are
  removed, leaving the root-relative path that the link rewriting
  (:mod:`.body_links`) resolves with :meth:`LinkResolver.site_path` (removed
  anywhere else, e.g. in plain text, it is also reported);
- ``{{ '/path' | relative_url }}`` and ``absolute_url`` become the path;
- ``{% include toc %}`` (Minimal Mistakes' table of contents) becomes
  ``[TOC]`` (Python-Markdown's ``toc``), at the same place;
- ``{% post_url NAME %}`` and ``{% link _posts/NAME.md %}`` become
  :meth:`LinkResolver.post_url`'s answer;
- ``{% raw %}...{% endraw %}`` is unwrapped, its content kept verbatim;
- ``{% highlight LANG %}...{% endhighlight %}`` becomes a fenced code block
  (Markdown) or ``<pre><code>`` (HTML);
- ``{% comment %}...{% endcomment %}`` becomes an HTML comment (Jekyll
  showed nothing of it; left as is, it would be shown);
- a block of Liquid logic (``{% for %}``, ``{% if %}``, ``{% unless %}``,
  ``{% case %}``, ``{% capture %}``, ``{% tablerow %}`` up to its end tag)
  and any other tag outside code (``{% include figure %}``, ``{% assign %}``)
  become an HTML comment holding them, with a finding: Jekyll filled them in
  from the site's data, and shown as they are they would be text on the page;
- any other variable, and tags inside code, are left as they are, with a
  finding naming them.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from .blocks import CODE, FENCE, scan_blocks
from .conversion import Finding, LinkResolver
from .source_lines import Rewriter, Tracked


def _tag_pattern(name: str, group: str) -> str:
    """Return a pattern for the Liquid tag ``name``, its arguments in ``group``."""
    return r"\{%-?\s*" + name + r"\b(?P<" + group + r">[^%]*?)\s*-?%\}"


_RAW = re.compile(
    _tag_pattern("raw", "raw_args")
    + r"(?P<raw>.*?)"
    + _tag_pattern("endraw", "endraw_args"),
    re.DOTALL,
)
_HIGHLIGHT = re.compile(
    _tag_pattern("highlight", "args")
    + r"(?P<code>.*?)"
    + _tag_pattern("endhighlight", "end_args"),
    re.DOTALL,
)
_COMMENT = re.compile(
    _tag_pattern("comment", "comment_args")
    + r"(?P<comment>.*?)"
    + _tag_pattern("endcomment", "endcomment_args"),
    re.DOTALL,
)
_ANY_TAG = re.compile(r"\{%-?\s*(?P<name>\w+)(?P<args>.*?)-?%\}", re.DOTALL)
#: Tags left as they are when not converted: a link or raw text is better
#: seen broken than hidden.
_KEPT_TAGS = frozenset({"post_url", "link", "raw"})
#: Liquid's block tags, each closed by ``end`` + its name.
_BLOCK_TAGS = frozenset({"for", "if", "unless", "case", "capture", "tablerow"})
_VARIABLE = re.compile(r"\{\{-?\s*(?P<expr>.*?)\s*-?\}\}", re.DOTALL)
#: The variables academicpages and Minimal Mistakes put before a site path.
#: ``BASE_PATH`` is Jekyll-Bootstrap's, left in posts of sites that moved on
#: to academicpages (an undefined variable: Jekyll wrote nothing for it).
_BASE_VARIABLES = frozenset({"base_path", "site.baseurl", "site.url", "BASE_PATH"})
#: What may follow a base variable for it to be a path prefix.
_PATH_FOLLOWS = re.compile(
    r"/|\{%-?\s*(?:post_url|link)\b|\{\{-?\s*(?:base_path|BASE_PATH|site\.)"
)
#: What ends a link target right after a base variable standing alone.
_TARGET_ENDS = re.compile(r"""["')>\s]""")
#: Base variables right before a position (``{{ site.url }}{{ site.baseurl }}``).
_CHAINED_BASE = re.compile(
    r"(?:\{\{-?\s*(?:base_path|BASE_PATH|site\.baseurl|site\.url)\s*-?\}\})+$"
)
#: What comes before a link the link rewriting (:mod:`.body_links`) resolves.
_LINK_BEFORE = re.compile(
    r"""(?:\]\([ \t]*<?|\b(?:src|href|poster|data)[ \t]*=[ \t]*["']|"""
    r"""^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?)\Z""",
    re.IGNORECASE | re.MULTILINE,
)
_URL_FILTER = re.compile(
    r"""(?P<quote>["'])(?P<path>/[^"']*)(?P=quote)\s*\|\s*"""
    r"""(?:relative_url|absolute_url|prepend:\s*site\.(?:baseurl|url))$"""
)
_POST_LINK = re.compile(r"_posts/(?P<name>.+?)\.(?:md|markdown|mkdown|mkd|html?)$")
#: Every opening of Liquid markup: a tag or a variable.
_OPENING = re.compile(r"\{%|\{\{")


def convert_liquid(
    source: Tracked, links: LinkResolver, *, markdown: bool = True
) -> tuple[Tracked, Counter[str], list[Finding]]:
    """Rewrite the Liquid in ``source`` (a body) as the module docstring says.

    ``markdown`` tells how a ``{% highlight %}`` block is written: a fenced
    block for Markdown, ``<pre><code>`` for an HTML body.
    """
    text = source.text
    out = Rewriter(source)
    changes: Counter[str] = Counter()
    findings: list[Finding] = []
    code_lines = _code_lines(source.lines) if markdown else frozenset()
    position = 0
    while (opening := _OPENING.search(text, position)) is not None:
        start = opening.start()
        line = out.origin_at(start)
        if (raw := _RAW.match(text, start)) is not None:
            out.replace(start, raw.end(), raw["raw"])
            changes["Liquid {% raw %}"] += 1
            position = raw.end()
        elif (comment := _COMMENT.match(text, start)) is not None:
            # "--" could end the HTML comment early (Python's HTML parser ends
            # one at "--" + spaces + ">"): written "- -" inside it.
            hidden = comment["comment"].replace("--", "- -")
            out.replace(start, comment.end(), f"<!--{hidden}-->")
            changes["Liquid {% comment %} -> <!-- -->"] += 1
            position = comment.end()
        elif (block := _HIGHLIGHT.match(text, start)) is not None:
            out.replace(start, block.end(), _code_block(block, text, markdown=markdown))
            changes["Liquid {% highlight %}"] += 1
            if "linenos" in block["args"]:
                findings.append(
                    Finding(line, "{% highlight %} linenos not carried over")
                )
            position = block.end()
        elif (tag := _ANY_TAG.match(text, start)) is not None:
            new = _tag(tag, links, line, changes, findings)
            if new is not None:
                out.replace(start, tag.end(), new)
                position = tag.end()
            elif (end := _hidden_end(tag, text, code_lines, source)) is not None:
                findings[-1] = _hidden_finding(tag, text[start:end], line)
                out.replace(start, end, _as_comment(text[start:end]))
                changes["Liquid logic hidden in <!-- -->"] += 1
                position = end
            else:
                position = tag.end()
        elif (variable := _VARIABLE.match(text, start)) is not None:
            new = _variable(variable, text, changes, findings, line)
            if new is not None:
                out.replace(start, variable.end(), new)
            position = variable.end()
        else:
            findings.append(
                Finding(line, f"unclosed Liquid {text[start : start + 2]} left as is")
            )
            position = start + 2
    return out.finish(), changes, findings


def _code_lines(lines: list[str]) -> frozenset[int]:
    """Return the 0-based lines of a Markdown body that are inside code blocks."""
    return frozenset(
        number
        for number, info in enumerate(scan_blocks(lines))
        if info.kind in (CODE, FENCE)
    )


def _hidden_end(
    tag: re.Match[str], text: str, code_lines: frozenset[int], source: Tracked
) -> int | None:
    """Return where the Liquid an unconverted ``tag`` opens ends, to hide it.

    A block tag reaches its matching end tag (nested blocks counted); any
    other tag is itself. ``None`` (leave it) inside code, for an end tag, or
    for a block never closed.
    """
    name = tag["name"]
    if (
        text.count("\n", 0, tag.start()) in code_lines
        or name.startswith("end")
        or name in _KEPT_TAGS
    ):
        return None
    if name not in _BLOCK_TAGS:
        return tag.end()
    depth = 1
    for inner in _ANY_TAG.finditer(text, tag.end()):
        if inner["name"] == name:
            depth += 1
        elif inner["name"] == f"end{name}":
            depth -= 1
            if depth == 0:
                return inner.end()
    return None


def _as_comment(liquid: str) -> str:
    """Return Liquid as an HTML comment (``--`` written ``- -`` inside it)."""
    return "<!-- Liquid: " + liquid.replace("--", "- -") + " -->"


def _hidden_finding(tag: re.Match[str], liquid: str, line: int) -> Finding:
    """Report Liquid the page no longer shows (it is in an HTML comment)."""
    shown = " ".join(tag.group(0).split())
    lines = liquid.count("\n")
    span = f" (and the {lines} lines to its end tag)" if lines else ""
    message = (
        f"Liquid {shown}{span} hidden in an HTML comment: Jekyll filled it in from"
        " the site's data; write what it showed by hand"
    )
    return Finding(line, message)


def _tag(
    tag: re.Match[str],
    links: LinkResolver,
    line: int,
    changes: Counter[str],
    findings: list[Finding],
) -> str | None:
    """Return what replaces a Liquid tag, or ``None`` to leave it as is."""
    name, args = tag["name"], tag["args"].strip()
    if name == "include" and args == "base_path":
        changes["Liquid {% include base_path %}"] += 1
        return ""
    if name == "include" and (args == "toc" or args.startswith("toc ")):
        # Minimal Mistakes' table of contents, where the post puts it.
        changes["Liquid {% include toc %} -> [TOC]"] += 1
        return "[TOC]"
    post = args if name == "post_url" else None
    if name == "link" and (match := _POST_LINK.match(args)) is not None:
        post = match["name"]
    if post is not None:
        url = links.post_url(post)
        if url is None:
            message = f"Liquid {{% {name} {args} %}}: no such post, left as is"
            findings.append(Finding(line, message))
        else:
            changes[f"Liquid {{% {name} %}}"] += 1
        return url
    if name == "raw":
        findings.append(
            Finding(line, "Liquid {% raw %} without {% endraw %} left as is")
        )
        return None
    shown = " ".join(tag.group(0).split())
    findings.append(Finding(line, f"Liquid tag {shown} left as is"))
    return None


def _variable(
    variable: re.Match[str],
    text: str,
    changes: Counter[str],
    findings: list[Finding],
    line: int,
) -> str | None:
    """Return what replaces a Liquid variable, or ``None`` to leave it as is."""
    expression = " ".join(variable["expr"].split())
    if expression in _BASE_VARIABLES and _PATH_FOLLOWS.match(text, variable.end()):
        changes[f"Liquid {{{{ {expression} }}}}"] += 1
        before = _CHAINED_BASE.sub("", text[: variable.start()])
        if not _LINK_BEFORE.search(before) and before == text[: variable.start()]:
            message = (
                f"Liquid {{{{ {expression} }}}} removed: the path after it is "
                "root-relative now (not in a link the importer resolves)"
            )
            findings.append(Finding(line, message))
        return ""
    if expression in _BASE_VARIABLES and _TARGET_ENDS.match(text, variable.end()):
        before = _CHAINED_BASE.sub("", text[: variable.start()])
        if _LINK_BEFORE.search(before):
            # A link to the base itself (href="{{ base_path }}"): the site's root.
            changes[f"Liquid {{{{ {expression} }}}} alone: the site's root"] += 1
            return "/"
    if (url := _URL_FILTER.match(expression)) is not None:
        changes["Liquid '/path' | relative_url"] += 1
        return url["path"]
    findings.append(Finding(line, f"Liquid variable {{{{ {expression} }}}} left as is"))
    return None


def _code_block(block: re.Match[str], text: str, *, markdown: bool) -> str:
    """Write a ``{% highlight %}`` block as a fenced block or ``<pre><code>``."""
    words = block["args"].split()
    language = words[0] if words else ""
    code = block["code"].strip("\n")
    if not markdown:
        css = f' class="language-{html.escape(language)}"' if language else ""
        return f"<pre><code{css}>{html.escape(code, quote=False)}</code></pre>"
    fence = "~~~" if "```" in code else "```"
    before = "" if block.start() == 0 or text[block.start() - 1] == "\n" else "\n"
    after = "" if block.end() == len(text) or text[block.end()] == "\n" else "\n"
    return f"{before}{fence}{language}\n{code}\n{fence}{after}"
