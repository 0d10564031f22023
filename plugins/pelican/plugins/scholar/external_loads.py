"""TEMPORARY STUB: the kit helper's module replaces it on merge."""

from typing import NamedTuple


class ExternalLoad(NamedTuple):
    line: int
    tag: str
    attribute: str
    url: str


def find_external_loads(markup, own_hosts=()):
    return []
