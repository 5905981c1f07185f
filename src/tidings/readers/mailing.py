"""Sending email through the SMTP settings."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from tidings.config import Settings


def plain_message(settings: Settings, *, to: str, subject: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    return message


def send_message(settings: Settings, message: EmailMessage) -> None:
    """Send one message; raises OSError or smtplib.SMTPException when it cannot."""
    if not settings.smtp_host:
        raise smtplib.SMTPException("no SMTP server is set up (TIDINGS_SMTP_HOST)")
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_username and settings.smtp_password:
            smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
        smtp.send_message(message)
