"""The password-reset email."""

from __future__ import annotations

from email.message import EmailMessage


def reset_message(*, sender: str, to: str, username: str, link: str, hours: int) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "Reset your Tidings password"
    message.set_content(
        f"Hello {username},\n\n"
        f"Someone asked to reset the password of your Tidings account. To choose a new one,\n"
        f"open this link within {hours} hour{'s' if hours != 1 else ''}:\n\n{link}\n\n"
        "The link works once. If you did not ask for this, ignore this message: your\n"
        "password stays as it is.\n"
    )
    return message
