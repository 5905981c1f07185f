"""Progress when the output is not a terminal: a plain line now and then, with an ETA."""

from __future__ import annotations

from tidings.cli import output
from tidings.cli.output import progress_line


def test_a_progress_line_has_count_share_elapsed_and_eta():
    assert progress_line("Fetching pages", 120, 3785, 45) == (
        "Fetching pages: 120/3,785 (3%), 0:45 elapsed, ETA 22:54")
    assert progress_line("Clustering", 3785, 3785, 4000) == (
        "Clustering: 3,785/3,785 (100%), 1:06:40 elapsed, done")
    assert progress_line("Polling feeds", 7, None, 3) == "Polling feeds: 7, 0:03 elapsed"


def test_lines_come_at_intervals_and_at_the_end():
    now = [0.0]
    said: list[str] = []
    update = output._line_progress("Fetching", lambda line, **_: said.append(line),
                                   clock=lambda: now[0])
    for done in range(0, 101):
        now[0] = done * 0.5  # 50 s in all: a line at 0, 10, 20, 30, 40 s and at the end
        update(done, 100)
    assert len(said) == 6
    assert said[0].startswith("Fetching: 0/100") and said[-1].endswith("done")
    assert "ETA 0:40" in said[1]  # 20 of 100 done in 10 s
