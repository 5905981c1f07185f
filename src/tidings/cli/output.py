"""Console output shared by the commands: errors, JSON, tables and progress bars."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from tidings.pipeline.common import Progress as ProgressCallback
from tidings.pipeline.common import StepProgress

console = Console()
errors = Console(stderr=True)
LINE_INTERVAL = 10.0
"""Seconds between progress lines when the output is not a terminal (a log, a pipe)."""


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error for the person and exit."""
    print_error(message)
    raise typer.Exit(code)


def print_error(message: str) -> None:
    """Print a one-line error for the person."""
    errors.print(f"[bold red]Error:[/] {escape(message)}", highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    errors.print(f"[yellow]![/] {escape(message)}", highlight=False, soft_wrap=True)


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, tuple | set):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(value: Any) -> str:
    """Dataclasses, datetimes and tuples as one line of JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    return json.dumps(value, default=_default, ensure_ascii=False)


def print_json(value: Any) -> None:
    typer.echo(to_json(value))


@contextmanager
def progress_steps(*, quiet: bool = False) -> Iterator[StepProgress]:
    """Progress of each pipeline step, added as the steps start: rich bars on a terminal,
    else a plain line every LINE_INTERVAL seconds with the count, the rate and an ETA."""
    if quiet or not errors.is_terminal:
        yield lambda label: _line_progress(label, errors.print if not quiet else None)
        return
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=errors) as bars:

        def step(label: str) -> ProgressCallback:
            task = bars.add_task(label, total=None)

            def update(done: int, total: int | None) -> None:
                bars.update(task, completed=done, total=total)

            return update

        yield step


def _line_progress(label: str, say: Callable[..., None] | None,
                   clock: Callable[[], float] = time.monotonic) -> ProgressCallback:
    """A progress callback that prints `label: done/total (pct), elapsed, ETA` now and then."""
    started = clock()
    last = [started - LINE_INTERVAL]

    def update(done: int, total: int | None) -> None:
        now = clock()
        finished = total is not None and done >= total
        if say is None or (now - last[0] < LINE_INTERVAL and not finished):
            return
        last[0] = now
        say(progress_line(label, done, total, now - started), highlight=False)

    return update


def progress_line(label: str, done: int, total: int | None, elapsed: float) -> str:
    """One plain progress line: "Fetching pages: 120/3,785 (3%), 0:45 elapsed, ETA 22:50"."""
    counted = f"{done:,}/{total:,} ({done / total:.0%})" if total else f"{done:,}"
    line = f"{label}: {counted}, {_clock(elapsed)} elapsed"
    if total and 0 < done < total:
        line += f", ETA {_clock(elapsed / done * (total - done))}"
    elif total and done >= total:
        line += ", done"
    return line


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


@contextmanager
def progress_bar(label: str, *, quiet: bool = False) -> Iterator[ProgressCallback]:
    """One rich progress bar driven by a pipeline Progress callback."""
    with progress_steps(quiet=quiet) as steps:
        yield steps(label)
