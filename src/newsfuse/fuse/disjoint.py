"""A disjoint-set forest (union-find), shared by every clustering in the fuse stage."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["DisjointSet"]

T = TypeVar("T", bound=Hashable)


class DisjointSet(Generic[T]):
    """Items in sets; ``find`` gives a set's root (with path halving), ``link`` joins two roots."""

    def __init__(self, items: Iterable[T]) -> None:
        self.parent: dict[T, T] = {x: x for x in items}

    def __contains__(self, item: object) -> bool:
        return item in self.parent

    def find(self, x: T) -> T:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def link(self, child_root: T, root: T) -> None:
        """Put the set rooted at ``child_root`` under ``root`` (both must be roots; the caller picks which wins)."""
        if child_root != root:
            self.parent[child_root] = root
