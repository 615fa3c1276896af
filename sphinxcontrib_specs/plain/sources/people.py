"""A person that a YAML or JSON list writes as a mapping, as the text a metadata source yields
(front matter, a sibling metadata file): the people reader (:func:`..readers.read_people`) then
reads it as it reads a person written out. Sphinx-free and docutils-free."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


#: The keys of a person written as a mapping (CITATION.cff's, package metadata's).
_PERSON_KEYS = frozenset(
    [
        "name",
        "email",
        "url",
        "website",
        "github",
        "handle",
        "login",
        "given_names",
        "given_name",
        "first_name",
        "family_names",
        "family_name",
        "last_name",
        "affiliation",
        "orcid",
        "alias",
    ]
)


def person_of(mapping: Mapping[str, object]) -> str:
    """A person a YAML or JSON list writes as a mapping (``- name: Ann Lee`` then
    ``email: ann@x.org``, as CITATION.cff and package metadata do), written the way the people
    reader reads one: ``Ann Lee <ann@x.org>``, ``[Ann Lee](https://...)``, ``Ann Lee (@ann)``,
    ``@ann``; "" when it is no person (a key no person has: a KEP's feature gate, whose
    ``name`` comes with its ``components``)."""
    if any(str(k).casefold().replace("-", "_") not in _PERSON_KEYS for k in mapping):
        return ""
    got = {
        str(k).casefold().replace("-", "_"): str(v).strip()
        for k, v in mapping.items()
        if isinstance(v, str | int) and not isinstance(v, bool) and str(v).strip()
    }
    given = " ".join(got[k] for k in ("given_names", "given_name", "first_name") if k in got)
    family = " ".join(got[k] for k in ("family_names", "family_name", "last_name") if k in got)
    name = got.get("name") or " ".join(p for p in (given, family) if p)
    handle = (got.get("github") or got.get("handle") or got.get("login") or "").lstrip("@")
    if not name:
        return f"@{handle}" if handle else ""
    if "email" in got:
        return f"{name} <{got['email']}>"
    if "url" in got or "website" in got:
        return f"[{name}]({got.get('url') or got['website']})"
    return f"{name} (@{handle})" if handle else name
