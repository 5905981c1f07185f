"""`tidings users ...`: create and list accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tidings.cli.context import open_engine, settings_of
from tidings.cli.output import console, fail

app = typer.Typer(help="Create and list reader accounts.", no_args_is_help=True)


@app.command("create")
def create(
    ctx: typer.Context,
    username: str,
    email: Annotated[str, typer.Option("--email", help="Email address (for password resets).")],
    admin: Annotated[bool, typer.Option("--admin", help="Make an administrator.")] = False,
    role: Annotated[str, typer.Option(help="reader, moderator or admin.")] = "reader",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create an account (asks for the password unless --password-stdin)."""
    from tidings.readers import accounts

    role = "admin" if admin else role
    if role not in ("reader", "moderator", "admin"):
        fail(f"unknown role {role!r}: use reader, moderator or admin")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    engine = open_engine(settings_of(ctx))
    try:
        user = accounts.sign_up(engine, username=username, email=email, password=password,
                                role=role)
    except accounts.AccountError as exc:
        fail(str(exc))
    console.print(f"Created {user.role} {user.username} (id {user.id})")


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """Every account with its role."""
    from tidings.store import users as user_store

    engine = open_engine(settings_of(ctx))
    with engine.connect() as conn:
        users = user_store.list_users(conn)
    table = Table("id", "username", "email", "role", "created", "banned")
    for u in users:
        table.add_row(str(u.id), escape(u.username), escape(u.email), u.role,
                      f"{u.created_at:%Y-%m-%d}", f"{u.banned_at:%Y-%m-%d}" if u.banned_at else "")
    console.print(table if users else "No accounts yet: add one with `tidings users create`.")


@app.command("set-api-password")
def set_api_password(
    ctx: typer.Context,
    username: str,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the API password (one line) from "
                           "standard input; without it one is generated and printed once.")
    ] = False,
) -> None:
    """Give a reader the password reader apps use (Google Reader and Fever APIs): never the
    login password. Replaces any earlier one."""
    from tidings.pipeline import reader_apps
    from tidings.readers import accounts
    from tidings.store import users as user_store

    engine = open_engine(settings_of(ctx))
    with engine.connect() as conn:
        found = user_store.find_user(conn, username.strip().lower())
    if found is None:
        fail(f"no such account: {username}")
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    try:
        chosen = reader_apps.set_api_password(engine, found[0], password)
    except accounts.AccountError as exc:
        fail(str(exc))
    console.print(f"API password set for {found[0].username}.", highlight=False)
    if password is None:
        console.print(f"It is shown once: {chosen}", highlight=False)
