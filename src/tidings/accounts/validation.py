"""What makes a username, email address, display name or password acceptable.

Each check returns a message for a person, or None when the value is fine.
"""

from __future__ import annotations

import re

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
USERNAME = re.compile(r"[a-z0-9][a-z0-9_.-]{2,29}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_DISPLAY_NAME = 60


def normalise_username(username: str) -> str:
    return username.strip().lower()


def username_problem(username: str) -> str | None:
    if not USERNAME.fullmatch(username):
        return ("Choose a username of 3 to 30 characters: letters, digits, dots, dashes and "
                "underscores, starting with a letter or digit.")
    return None


def email_problem(email: str) -> str | None:
    if len(email) > 254 or not EMAIL.fullmatch(email):
        return "Enter an email address like name@example.org."
    return None


def display_name_problem(name: str) -> str | None:
    if len(name) > MAX_DISPLAY_NAME:
        return f"Keep your display name to {MAX_DISPLAY_NAME} characters."
    return None


def password_problem(password: str, username: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Keep your password under {MAX_PASSWORD_LENGTH} characters."
    if username and username.lower() in password.lower():
        return "Your password must not contain your username."
    return None
