"""Accounts: sign up, log in and out, passwords, reset by email, API tokens, identify callers.

Every failure a person can fix raises AccountError with a message for them and the form field
it concerns.
"""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import Connection, Engine

from tidings.config import Settings
from tidings.model import ApiToken, User
from tidings.readers import login_limits, passwords, tokens, validation
from tidings.readers.mailing import send_message
from tidings.readers.reset_mail import reset_message
from tidings.store import sessions as session_store
from tidings.store import users as user_store

SESSION_LIFETIME = timedelta(days=30)
RESET_LIFETIME = timedelta(hours=1)
TOKEN_USE_PRECISION = timedelta(minutes=1)
"""How stale an API token's recorded last use may be before a call records it again."""
LOGIN_LIMITS = login_limits.LoginLimits()


class AccountError(ValueError):
    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _now() -> datetime:
    return datetime.now(UTC)


def secret_key(engine: Engine, settings: Settings) -> str:
    """The CSRF signing key: the setting, else one generated once and kept in the database."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value()
    with engine.connect() as conn:
        stored = user_store.stored_secret(conn, "secret_key")
    if stored is not None:
        return stored
    with engine.begin() as conn:
        return user_store.secret(conn, "secret_key", tokens.new_token())


def csrf_token(secret: str, seed: str) -> str:
    return tokens.csrf_token(secret, seed)


def csrf_ok(secret: str, seed: str, given: str | None) -> bool:
    return tokens.same_token(tokens.csrf_token(secret, seed), given)


def new_seed() -> str:
    """A random pre-login CSRF seed for a visitor's cookie."""
    return tokens.new_token()


def sign_up(
    engine: Engine, *, username: str, email: str, password: str, role: str = "reader",
    display_name: str = "",
) -> User:
    username, email = validation.normalise_username(username), email.strip().lower()
    for field, problem in (
        ("username", validation.username_problem(username)),
        ("email", validation.email_problem(email)),
        ("display_name", validation.display_name_problem(display_name)),
        ("password", validation.password_problem(password, username)),
    ):
        if problem:
            raise AccountError(problem, field)
    try:
        with engine.begin() as conn:
            return user_store.add_user(
                conn, username=username, email=email, role=role, now=_now(),
                password_hash=passwords.hash_password(password), display_name=display_name.strip())
    except user_store.UserExistsError as error:
        what = "That username is taken." if error.field == "username" else (
            "An account with that email address exists already. Log in or reset its password.")
        raise AccountError(what, error.field) from error


def log_in(engine: Engine, name_or_email: str, password: str, ip: str) -> tuple[User, str]:
    """(user, new session token); raises AccountError, also while the account is locked."""
    key, now = name_or_email.strip().lower(), _now()
    since = now - LOGIN_LIMITS.window
    with engine.begin() as conn:
        if wait := login_wait(conn, key, ip, now):
            raise AccountError(wait, "username")
        found = user_store.find_user(conn, key)
        if found is None:
            passwords.spend_verify_time(password)
        if found is None or not passwords.verify_password(found[1], password):
            session_store.record_login_failure(conn, key, ip, now)
            found = None
        else:
            session_store.clear_login_failures(conn, key, before=since)
    if found is None:
        raise AccountError("Wrong username or password.", "username")
    user, password_hash = found
    if user.banned_at:
        raise AccountError("This account is banned.", "username")
    if passwords.needs_rehash(password_hash):
        with engine.begin() as conn:
            user_store.set_password_hash(conn, user.id, passwords.hash_password(password))
    return user, start_session(engine, user.id)


def login_wait(conn: Connection, key: str, ip: str, now: datetime) -> str | None:
    """Why this account (`key`: lower-case username or email, "" for none) or this address may
    not try to log in now, or None. Web logins and reader-app logins count alike."""
    since = now - LOGIN_LIMITS.window
    checks = [(session_store.login_failures_since(conn, ip=ip, since=since), LOGIN_LIMITS.per_ip)]
    if key:
        checks.append((session_store.login_failures_since(conn, username=key, since=since),
                       LOGIN_LIMITS.per_account))
    for failures, threshold in checks:
        until = login_limits.locked_until(failures, threshold, LOGIN_LIMITS)
        if until and until > now:
            return login_limits.wait_message(until, now)
    return None


def start_session(engine: Engine, user_id: int) -> str:
    token, now = tokens.new_token(), _now()
    with engine.begin() as conn:
        session_store.add_session(conn, user_id, tokens.token_hash(token), now=now,
                                  expires_at=now + SESSION_LIFETIME)
    return token


def log_out(engine: Engine, session_token: str) -> None:
    with engine.begin() as conn:
        session_store.remove_session(conn, tokens.token_hash(session_token))


def session_user(engine: Engine, session_token: str) -> User | None:
    """The signed-in, unbanned user of a session cookie."""
    with engine.connect() as conn:
        user_id = session_store.session_user_id(conn, tokens.token_hash(session_token), _now())
        user = user_store.get_user(conn, user_id) if user_id else None
    return user if user and not user.banned_at else None


def bearer_user(engine: Engine, api_token: str) -> User | None:
    """The unbanned owner of a live API token. Its last use is recorded to the minute, so a
    stream of API reads does not queue for the write lock on every call."""
    now = _now()
    with engine.connect() as conn:
        token = session_store.live_api_token(conn, tokens.token_hash(api_token))
        user = user_store.get_user(conn, token.user_id) if token else None
    if token and (token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_PRECISION):
        with engine.begin() as conn:
            session_store.record_api_token_use(conn, token.id, now)
    return user if user and not user.banned_at else None


def change_password(engine: Engine, user: User, current: str, new: str) -> str:
    """Set a new password, end every session; returns a fresh session token."""
    with engine.connect() as conn:
        stored = user_store.password_hash_of(conn, user.id) or ""
    if not passwords.verify_password(stored, current):
        raise AccountError("Your current password is not right.", "current")
    _set_password(engine, user, new)
    return start_session(engine, user.id)


def _set_password(engine: Engine, user: User, new: str) -> None:
    problem = validation.password_problem(new, user.username)
    if problem:
        raise AccountError(problem, "password")
    with engine.begin() as conn:
        user_store.set_password_hash(conn, user.id, passwords.hash_password(new))
        session_store.remove_user_sessions(conn, user.id)


def update_profile(engine: Engine, user: User, display_name: str) -> None:
    problem = validation.display_name_problem(display_name)
    if problem:
        raise AccountError(problem, "display_name")
    with engine.begin() as conn:
        user_store.set_display_name(conn, user.id, display_name.strip())


def request_reset(engine: Engine, settings: Settings, email: str, base_url: str) -> None:
    """Email a single-use reset link when the address has an account (silently otherwise)."""
    if not settings.smtp_host:
        raise AccountError("Password reset by email is not set up on this server.", "email")
    with engine.begin() as conn:
        found = user_store.find_user(conn, email.strip().lower())
        if found is None or "@" not in email:
            return
        token, now = tokens.new_token(), _now()
        session_store.add_password_reset(conn, found[0].id, tokens.token_hash(token), now=now,
                                         expires_at=now + RESET_LIFETIME)
    link = f"{(settings.public_url or base_url).rstrip('/')}/account/reset/{token}"
    _send(settings, reset_message(sender=settings.smtp_from, to=found[0].email,
                                  username=found[0].username, link=link, hours=1))


def _send(settings: Settings, message: EmailMessage) -> None:
    try:
        send_message(settings, message)
    except (OSError, smtplib.SMTPException) as error:
        raise AccountError(f"The email could not be sent ({error}). Try again later.",
                           "email") from error


def reset_problem(engine: Engine, token: str) -> str | None:
    """Why this reset link cannot be used, or None when it can."""
    with engine.connect() as conn:
        row = session_store.password_reset(conn, tokens.token_hash(token))
    if row is None:
        return "This reset link is not valid. Ask for a new one."
    if row["used_at"] is not None:
        return "This reset link was used already. Ask for a new one."
    if row["expires_at"] <= _now():
        return "This reset link has expired. Ask for a new one."
    return None


def reset_password(engine: Engine, token: str, new: str) -> User:
    """Set a new password through a reset link, which is then used up."""
    problem = reset_problem(engine, token)
    if problem:
        raise AccountError(problem, "token")
    digest = tokens.token_hash(token)
    with engine.begin() as conn:
        row = session_store.password_reset(conn, digest)
        user = user_store.get_user(conn, row["user_id"]) if row else None
        assert user is not None
        problem = validation.password_problem(new, user.username)
        if problem:
            raise AccountError(problem, "password")
        if not session_store.use_password_reset(conn, digest, _now()):
            raise AccountError("This reset link was used already. Ask for a new one.", "token")
        user_store.set_password_hash(conn, user.id, passwords.hash_password(new))
        session_store.remove_user_sessions(conn, user.id)
    return user


def create_api_token(engine: Engine, user: User, name: str) -> tuple[ApiToken, str]:
    """(the stored token, the token itself: shown once, never stored)."""
    token = tokens.new_api_token()
    with engine.begin() as conn:
        stored = session_store.add_api_token(conn, user.id, name.strip()[:80] or "API token",
                                             tokens.token_hash(token), _now())
    return stored, token


def list_api_tokens(engine: Engine, user: User) -> list[ApiToken]:
    with engine.connect() as conn:
        return session_store.list_api_tokens(conn, user.id)


def revoke_api_token(engine: Engine, user: User, token_id: int) -> bool:
    with engine.begin() as conn:
        return session_store.revoke_api_token(conn, user.id, token_id, _now())
