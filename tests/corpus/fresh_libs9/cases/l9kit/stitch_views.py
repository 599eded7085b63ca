"""Tiles ("views") of a multiview acquisition and their pairwise overlaps, shared by both stitcher versions."""
from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    name: str
    x0: int
    y0: int
    size: int = 10

    def bounds(self):
        return self.x0, self.y0, self.x0 + self.size, self.y0 + self.size


def overlap_area(a, b):
    ax0, ay0, ax1, ay1 = a.bounds()
    bx0, by0, bx1, by1 = b.bounds()
    w = min(ax1, bx1) - max(ax0, bx0)
    h = min(ay1, by1) - max(ay0, by0)
    return max(w, 0) * max(h, 0)


def grid_views(rows, cols, step=8):
    return [View(f"tile_{r}_{c}", c * step, r * step) for r in range(rows) for c in range(cols)]


def candidate_pairs(views):
    return [(a, b) for i, a in enumerate(views) for b in views[i + 1:]]
