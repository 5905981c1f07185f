"""Processes seen from /proc: the children of a process, all its descendants, which live."""

from __future__ import annotations

from pathlib import Path


def _parents() -> dict[int, int]:
    """Parent of every live (not zombie) process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, ppid = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, ValueError):  # not a process, or ended meanwhile
            continue
        if state != "Z":
            found[int(entry.name)] = int(ppid)
    return found


def children_of(parent: int) -> set[int]:
    """Live processes whose parent is `parent`."""
    return {pid for pid, ppid in _parents().items() if ppid == parent}


def descendants_of(root: int) -> set[int]:
    """Live processes under `root`: its children, theirs, and so on."""
    parents = _parents()
    under: set[int] = set()
    more = {root}
    while more:
        more = {pid for pid, ppid in parents.items() if ppid in more} - under
        under |= more
    return under


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
