"""Clearing a backlog in bounded batches, each its own short transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable


async def in_batches(batch: Callable[[int], Awaitable[int]], size: int) -> int:
    """Call ``batch(size)`` — which removes or closes at most ``size`` rows and commits — until
    one call does fewer; return the total. A backlog of millions never makes one giant
    transaction, and a caller that fixes its cutoff before the first call ends under a
    steady inflow."""
    total = 0
    while True:
        count = await batch(size)
        total += count
        if count < size:
            return total
