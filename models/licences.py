"""The libraries the app ships and their licences, read from the installed packages' metadata (the bundle
carries that metadata too: packaging/swv-uren.spec copies it for every distribution named here)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

APP = "swv-uren"
#: Extras of our dependencies that the app installs (pyproject.toml: "psycopg[binary]").
EXTRAS = {"psycopg": ("binary",)}
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?")


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str  # an SPDX expression or the package's own words; "" when the metadata says nothing
    url: str


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(dist: metadata.Distribution, extras: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The distributions `dist` needs at run time (with the extras asked for), as (name, extras)."""
    found = []
    for line in dist.requires or []:
        requirement, _, marker = line.partition(";")
        marker = marker.strip()
        if marker:
            wanted = re.findall(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
            if not wanted or not set(wanted) & set(extras):
                continue  # an extra we do not install, or a platform marker: judged by whether it is installed
        match = _NAME.match(requirement)
        if match:
            inner = tuple(e.strip() for e in (match.group(2) or "").split(",") if e.strip())
            found.append((match.group(1), inner))
    return found


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    """One field of the metadata, '' when absent (PackageMetadata reads like an e-mail message)."""
    value = meta[name] if name in meta else None
    return str(value) if value is not None else ""


def _licence(meta: metadata.PackageMetadata) -> str:
    """License-Expression, else a short License field, else the licence classifiers."""
    expression = _field(meta, "License-Expression").strip()
    if expression:
        return expression
    text = _field(meta, "License").strip()
    if text and "\n" not in text and len(text) <= 80:
        return re.sub(r"\s*\(see [^)]*\).*$", "", text).strip() or text
    if text:  # a whole licence text: its first line names it (reportlab: "BSD license (see …), Copyright …")
        first = re.sub(r"\s*\(see [^)]*\).*$", "", text.splitlines()[0]).strip()
        if first and len(first) <= 80:
            return first
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return ", ".join(classifiers)


def _url(meta: metadata.PackageMetadata) -> str:
    home = _field(meta, "Home-page").strip()
    if home:
        return home
    urls: list[list[str]] = [str(u).split(",", 1) for u in meta.get_all("Project-URL") or []]
    for label, url in urls:
        if label.strip().lower() in ("homepage", "home", "source", "repository", "documentation"):
            return url.strip()
    return urls[0][1].strip() if urls else ""


def shipped(root: str = APP) -> list[Library]:
    """Every installed distribution the app depends on, directly or not, sorted by name; those whose metadata
    is missing (a dependency left out of a bundle) are skipped."""
    seen: dict[str, Library] = {}
    todo: list[tuple[str, tuple[str, ...]]] = [(root, ())]
    while todo:
        name, extras = todo.pop()
        key = _canonical(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        meta = dist.metadata
        if key != _canonical(root):
            seen[key] = Library(meta["Name"], dist.version, _licence(meta), _url(meta))
        else:
            seen[key] = Library(meta["Name"], dist.version, "", "")
        todo += _requirements(dist, extras + EXTRAS.get(key, ()))
    seen.pop(_canonical(root), None)
    return sorted(seen.values(), key=lambda library: library.name.lower())


def distribution_names(root: str = APP) -> list[str]:
    """The names of the shipped distributions (the bundle copies their metadata)."""
    return [library.name for library in shipped(root)]
