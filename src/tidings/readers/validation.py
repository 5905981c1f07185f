"""What makes a username, email address, display name or password acceptable.

Each check returns a message for a person, or None when the value is fine. Passwords are also
scored by zxcvbn (its frequency lists of common passwords, names and words ship with it, so the
check runs offline): a password it guesses in under about 10^8 tries (score below 3) is refused.
"""

from __future__ import annotations

import re

from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
MIN_PASSWORD_SCORE = 3
"""zxcvbn score (0-4) a password needs; 3 is "safely unguessable" against an online attack."""
SCORED_PREFIX = 100
"""zxcvbn's run time grows with length; a password longer than this is scored on its start."""
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
    return guessable_problem(password, username)


def guessable_problem(password: str, *known: str) -> str | None:
    """zxcvbn's verdict: why a password is easy to guess (common, a pattern), or None."""
    result = zxcvbn(password[:SCORED_PREFIX], user_inputs=[k for k in known if k])
    if result["score"] >= MIN_PASSWORD_SCORE:
        return None
    feedback = result["feedback"]
    reason = feedback["warning"] or "This password is easy to guess."
    hint = " ".join(feedback["suggestions"][:1]) or "Try a few uncommon words together."
    return f"{reason.rstrip('.')}: choose another. {hint}"
