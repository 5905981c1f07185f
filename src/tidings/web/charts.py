"""The coverage-over-time chart of a story, drawn as inline SVG."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from markupsafe import Markup, escape


def chart_svg(times: list[datetime], *, width: int = 640, height: int = 140) -> Markup:
    """Articles per hour (per day past two days) as an inline SVG bar chart."""
    if not times:
        return Markup("")
    start, end = min(times), max(times)
    hourly = end - start <= timedelta(hours=48)
    step = timedelta(hours=1) if hourly else timedelta(days=1)
    origin = start.replace(minute=0, second=0, microsecond=0)
    if not hourly:
        origin = origin.replace(hour=0)
    counts = Counter(int((t - origin) / step) for t in times)
    bins = max(counts) + 1
    peak = max(counts.values())
    pad, label_band = 6, 14
    top = pad + label_band  # the peak label sits above the tallest bar, never over it
    plot_h = height - 34 - label_band
    bar_w = (width - 2 * pad) / bins
    bars = []
    for index in range(bins):
        count = counts.get(index, 0)
        if not count:
            continue
        bar_h = max(plot_h * count / peak, 2)
        moment = origin + step * index
        label = f"{moment:%d %b %H:00}" if hourly else f"{moment:%d %b %Y}"
        bars.append(
            f'<rect x="{pad + index * bar_w + 1:.1f}" y="{top + plot_h - bar_h:.1f}" '
            f'width="{max(bar_w - 2, 1):.1f}" height="{bar_h:.1f}" rx="1.5">'
            f"<title>{escape(label)}: {count} article{'s' if count != 1 else ''}</title></rect>"
        )
    unit = "hour" if hourly else "day"
    first = f"{origin:%d %b %H:00}" if hourly else f"{origin:%d %b %Y}"
    last_moment = origin + step * (bins - 1)
    last = f"{last_moment:%d %b %H:00}" if hourly else f"{last_moment:%d %b %Y}"
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Articles per {unit}, peak {peak}">'
        f'<g class="bars">{"".join(bars)}</g>'
        f'<line class="axis" x1="{pad}" y1="{top + plot_h + 0.5}" x2="{width - pad}" '
        f'y2="{top + plot_h + 0.5}"/>'
        f'<text x="{pad}" y="{height - 6}">{escape(first)}</text>'
        f'<text x="{width - pad}" y="{height - 6}" text-anchor="end">{escape(last)}</text>'
        f'<text x="{width - pad}" y="{pad + 10}" text-anchor="end">peak {peak} per {unit}'
        "</text></svg>"
    )
