"""An optional large language model behind an OpenAI-compatible chat-completions API.

llama.cpp's server, Ollama, vLLM and hosted services all speak it: POST
``{base_url}/chat/completions`` with a model name and messages. Nothing else in Tidings needs
a model; this client is used only when ``llm_base_url`` is set. Its replies are untrusted
text: `plain_text` turns them into plain text before anything shows them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

import httpx

from tidings.config import Settings
from tidings.headers import parse_retry_after

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S | re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MARKDOWN = re.compile(r"\*\*|__|`+|^#{1,6}\s*|^>\s*", re.M)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class LLMError(Exception):
    """The model server could not be used; `str()` is one line for a person."""


class LLMClient:
    """A small synchronous chat-completions client with bounded retries on 429 and 5xx."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        max_retries: int = 2,
        max_retry_after: float = 10.0,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_after = max_retry_after
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(timeout=timeout, transport=transport, headers=headers)

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMClient | None:
        """The configured client, or None when no ``llm_base_url`` is set."""
        if not settings.llm_base_url:
            return None
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return cls(settings.llm_base_url, settings.llm_model, key, settings.llm_timeout)

    def __enter__(self) -> LLMClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def chat(self, messages: Sequence[Mapping[str, str]], *, max_tokens: int = 600) -> str:
        """The model's reply (``choices[0].message.content``) to `messages`, as sent."""
        body = {
            "model": self.model,
            "messages": [dict(message) for message in messages],
            "temperature": 0,
            "max_tokens": max_tokens,
            "stream": False,
        }
        return _content(self._post(body), self.url)

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        for attempt in range(self.max_retries + 1):
            response = self._send(body)
            if response.status_code not in _RETRY_STATUSES or attempt == self.max_retries:
                break
            time.sleep(self._delay(response, attempt))
        if response.status_code >= 400:
            raise LLMError(_http_error_message(response, self.url))
        return response

    def _send(self, body: dict[str, Any]) -> httpx.Response:
        try:
            return self._http.post(self.url, json=body)
        except httpx.TimeoutException:
            raise LLMError(
                f"LLM server {self.url} did not answer within {self.timeout:g} s"
            ) from None
        except httpx.HTTPError as exc:
            raise LLMError(f"cannot reach LLM server {self.url}: {exc}") from None

    def _delay(self, response: httpx.Response, attempt: int) -> float:
        """Seconds to wait before the next try: Retry-After when given, else 0.5, 1, 2..."""
        wait = parse_retry_after(response.headers.get("Retry-After"))
        return min(self.max_retry_after, 0.5 * 2**attempt if wait is None else wait)


@contextmanager
def open_llm(settings: Settings) -> Iterator[LLMClient | None]:
    """The configured LLM client (closed afterwards), or None when none is configured."""
    client = LLMClient.from_settings(settings)
    try:
        yield client
    finally:
        if client is not None:
            client.close()


def _http_error_message(response: httpx.Response, url: str) -> str:
    status = response.status_code
    if status in (401, 403):
        return f"LLM server {url} refused the request (HTTP {status}): check llm_api_key"
    detail = response.text
    try:
        payload = response.json()
        detail = str(payload["error"]["message"] if "error" in payload else payload)
    except (ValueError, KeyError, TypeError):
        pass
    return f"LLM server {url} answered HTTP {status}: {' '.join(detail.split())[:200]}"


def _content(response: httpx.Response, url: str) -> str:
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except ValueError:
        raise LLMError(f"LLM server {url} sent a reply that is not JSON") from None
    except (KeyError, IndexError, TypeError):
        raise LLMError(f"LLM server {url} sent no choices[0].message.content") from None
    if not isinstance(content, str):
        raise LLMError(f"LLM server {url} sent no text in choices[0].message.content")
    return content


def plain_text(reply: str) -> str:
    """A model's reply as plain text: no reasoning block, HTML, Markdown or control characters."""
    text = _CONTROL.sub("", _MARKDOWN.sub("", _TAG.sub("", _THINK.sub("", reply))))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
