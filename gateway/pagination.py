"""Relay-style connections: `edges { node cursor }`, `pageInfo`, `totalCount`."""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from shared.pagination import decode_cursor, encode_cursor

T = TypeVar("T")


@strawberry.type
class PageInfo:
    end_cursor: str | None
    has_next_page: bool


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int


def connection_from(page: dict, to_node: Callable[[dict], T]) -> Connection[T]:
    """Builds a connection from a service page ({items, total, end_cursor, has_next})."""
    start = decode_cursor(page["end_cursor"]) - len(page["items"]) if page["items"] else 0
    edges = [
        Edge(node=to_node(item), cursor=encode_cursor(start + i + 1))
        for i, item in enumerate(page["items"])
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(end_cursor=page["end_cursor"], has_next_page=page["has_next"]),
        total_count=page["total"],
    )
