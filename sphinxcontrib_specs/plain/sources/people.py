"""A person that a YAML or JSON list writes as a mapping, as the text a metadata source yields
(front matter, a sibling metadata file): the people reader (:func:`..readers.read_people`) then
reads it as it reads a person written out. Sphinx-free and docutils-free."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


def person_of(mapping: Mapping[str, object]) -> str:
    """A person a YAML or JSON list writes as a mapping (``- name: Ann Lee`` then
    ``email: ann@x.org``, as CITATION.cff and package metadata do), written the way the people
    reader reads one: ``Ann Lee <ann@x.org>``, ``[Ann Lee](https://...)``, ``Ann Lee (@ann)``,
    ``@ann``. The name is ``name``, or CITATION.cff's ``given-names``, ``name-particle``,
    ``family-names`` and ``name-suffix``; other keys (``role``, ``affiliation``, ``orcid``) are
    no part of it. "" when it names nobody, or when a value is no text (a KEP's feature gate,
    ``name`` with a list of ``components``, is no person)."""
    got: dict[str, str] = {}
    for key, value in mapping.items():
        if isinstance(value, list | tuple | dict):
            return ""
        if value is not None and not isinstance(value, bool) and str(value).strip():
            got[str(key).casefold().replace("-", "_")] = str(value).strip()
    parts = ("given_names", "name_particle", "family_names", "name_suffix")
    name = got.get("name") or " ".join(got[k] for k in parts if k in got)
    handle = got.get("github") or got.get("login") or got.get("handle") or got.get("alias") or ""
    url = got.get("url") or got.get("website") or ""
    if handle.startswith(("http://", "https://")):  # a profile's address, not a handle
        url, handle = url or handle, ""
    handle = handle.lstrip("@")
    if not name:
        return f"@{handle}" if handle else ""
    if "email" in got:
        return f"{name} <{got['email']}>"
    if url:
        return f"[{name}]({url})"
    return f"{name} (@{handle})" if handle else name
