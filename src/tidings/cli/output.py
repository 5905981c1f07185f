"""Console output shared by the commands: errors, JSON, tables and progress bars."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from tidings.pipeline.common import Progress as ProgressCallback
from tidings.pipeline.common import StepProgress

console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error for the person and exit."""
    errors.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def warn(message: str) -> None:
    errors.print(f"[yellow]![/] {message}", highlight=False, soft_wrap=True)


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
    """Rich progress bars, one per pipeline step, added as the steps start."""
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, disable=quiet) as bars:

        def step(label: str) -> ProgressCallback:
            task = bars.add_task(label, total=None)

            def update(done: int, total: int | None) -> None:
                bars.update(task, completed=done, total=total)

            return update

        yield step


@contextmanager
def progress_bar(label: str, *, quiet: bool = False) -> Iterator[ProgressCallback]:
    """One rich progress bar driven by a pipeline Progress callback."""
    with progress_steps(quiet=quiet) as steps:
        yield steps(label)
