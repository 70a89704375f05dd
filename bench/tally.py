"""A count of right answers out of all, with what went wrong, for the quality benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        """Count one answer; keep the miss's description when it is wrong."""
        self.right += ok
        self.total += 1
        if not ok:
            self.misses.append(miss)

    def __str__(self) -> str:
        share = 100 * self.right / self.total if self.total else 0.0
        return f"{self.right}/{self.total} ({share:.1f}%)"
