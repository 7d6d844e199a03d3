"""The overview's 30-day chart, drawn on the server as SVG (no script, CSP-safe)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from zenhire.domain.console.ports import DayFigures

WIDTH: Final = 720
HEIGHT: Final = 200
MARGIN: Final = 30
SERIES: Final = (  # name, colour (WCAG AA against white), what it counts
    ("created", "#1f5fbf", "sessions created"),
    ("completed", "#1b7a3a", "sessions completed"),
    ("failed", "#b3261e", "sessions failed"),
)
CREDITS_COLOUR: Final = "#6b4fa0"


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    bars: list[Bar]
    credit_points: str  # an SVG polyline's points
    top: int
    credit_top: int
    width: int = WIDTH
    height: int = HEIGHT
    margin: int = MARGIN


def chart(days: list[DayFigures]) -> Chart:
    """Three bars per day (created, completed, failed) and a line of credits charged, each
    scaled to its own maximum; every bar carries its figure as a tooltip."""
    top = max([1, *(max(d.created, d.completed, d.failed) for d in days)])
    credit_top = max([1, *(d.credits_charged for d in days)])
    plot_w, plot_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    slot = plot_w / max(1, len(days))
    bar_w = slot / (len(SERIES) + 1)
    bars: list[Bar] = []
    points: list[str] = []
    for i, day in enumerate(days):
        for j, (name, colour, what) in enumerate(SERIES):
            value: int = getattr(day, name)
            h = plot_h * value / top
            bars.append(
                Bar(
                    x=round(MARGIN + i * slot + j * bar_w, 1),
                    y=round(MARGIN + plot_h - h, 1),
                    width=round(bar_w, 1),
                    height=round(h, 1),
                    colour=colour,
                    label=f"{day.day.isoformat()}: {value:,} {what}",
                )
            )
        cx = MARGIN + i * slot + slot / 2
        cy = MARGIN + plot_h - plot_h * day.credits_charged / credit_top
        points.append(f"{cx:.1f},{cy:.1f}")
    return Chart(bars, " ".join(points), top, credit_top)
