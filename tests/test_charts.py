"""The story page's coverage chart: its labels never sit over its bars."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tidings.web.charts import chart_svg

FONT_PX = 11  # .chart text in the site's stylesheet


def test_peak_label_sits_above_the_tallest_bar_at_the_right_end():
    start = datetime(2026, 3, 1, 8, tzinfo=UTC)
    times = [start] + [start + timedelta(hours=30)] * 9  # the peak is the last bar
    svg = str(chart_svg(times))
    tops = [float(y) for y in re.findall(r'<rect x="[\d.]+" y="([\d.]+)"', svg)]
    peak = re.search(r'<text x="\d+" y="([\d.]+)" text-anchor="end">peak 9 per hour</text>', svg)
    assert peak is not None
    assert float(peak.group(1)) + 3 <= min(tops), "the label's descenders overlap a bar"
    assert float(peak.group(1)) - FONT_PX >= 0, "the label is cut at the top"


def test_bars_stand_on_the_axis_and_keep_their_proportions():
    start = datetime(2026, 3, 1, tzinfo=UTC)
    times = [start, start + timedelta(days=3), start + timedelta(days=3)]
    svg = str(chart_svg(times))
    axis = float(re.search(r'<line class="axis" x1="\d+" y1="([\d.]+)"', svg).group(1))
    bars = [(float(y), float(h)) for y, h in
            re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', svg)]
    assert [round(y + h + 0.5, 1) for y, h in bars] == [axis, axis]
    assert bars[1][1] == 2 * bars[0][1]
    assert "per day" in svg
