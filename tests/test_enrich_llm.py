"""The real LLM client against a local server speaking OpenAI chat completions."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tidings.config import Settings
from tidings.enrich.ask import DONT_KNOW, Passage, answer, answer_with_llm
from tidings.enrich.llm import LLMClient, LLMError, plain_text
from tidings.enrich.summaries import summarize_article, summarize_with_llm

PASSAGES = [
    Passage(4, 0, "White House spokesman Tony Snow announced today that he will step down."),
    Passage(4, 1, "Mr. Snow has served the White House since May 8, 2006."),
    Passage(4, 2, "Snow said he is leaving because of the cost of chemotherapy."),
]


@dataclass
class Reply:
    """One scripted answer: status, body (a dict is sent as JSON), headers, delay."""

    body: Any
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "test-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


class FakeLLMServer:
    """A chat-completions server on loopback that replays scripted replies and logs requests."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                server.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": json.loads(raw)}
                )
                reply = server.replies.pop(0) if server.replies else Reply(completion("ok"))
                time.sleep(reply.delay)
                body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body)
                payload = body if isinstance(body, bytes) else body.encode()
                try:
                    self.send_response(reply.status)
                    for name, value in {
                        "Content-Type": "application/json",
                        **reply.headers,
                    }.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    fake = FakeLLMServer()
    yield fake
    fake.close()


@pytest.fixture
def client(server: FakeLLMServer) -> Iterator[LLMClient]:
    with LLMClient(server.base_url, "test-model", api_key="sekrit", timeout=5) as llm:
        yield llm


def test_request_shape_and_reply(server, client):
    server.replies.append(Reply(completion("Hello there.")))
    assert client.chat([{"role": "user", "content": "Hi"}]) == "Hello there."
    (request,) = server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sekrit"
    assert request["json"]["model"] == "test-model"
    assert request["json"]["messages"] == [{"role": "user", "content": "Hi"}]
    assert request["json"]["stream"] is False


def test_no_auth_header_without_a_key(server):
    with LLMClient(server.base_url + "/", "m") as llm:
        llm.chat([{"role": "user", "content": "Hi"}])
    assert "Authorization" not in server.requests[0]["headers"]
    assert server.requests[0]["path"] == "/v1/chat/completions"


def test_answer_cites_numbered_passages(server, client):
    server.replies.append(
        Reply(
            completion(
                "He is leaving because of the cost of chemotherapy [3][9]. "
                "He joined in 2006 [2, 3]."
            )
        )
    )
    reply = answer_with_llm(client, "Why is Snow leaving?", PASSAGES)
    assert reply.confident
    assert reply.text == "He is leaving because of the cost of chemotherapy. He joined in 2006."
    assert [c.sentence_index for c in reply.citations] == [2, 1]
    assert reply.citations[0].sentence == PASSAGES[2].text
    prompt = server.requests[0]["json"]["messages"]
    assert prompt[0]["role"] == "system" and "ONLY" in prompt[0]["content"]
    assert "[1] White House spokesman Tony Snow" in prompt[1]["content"]
    assert "Question: Why is Snow leaving?" in prompt[1]["content"]


@pytest.mark.parametrize(
    "content", ["He is leaving for a new job [7].", "He is leaving.", f"{DONT_KNOW} [1]"]
)
def test_answer_without_a_valid_citation_is_i_dont_know(server, client, content):
    server.replies.append(Reply(completion(content)))
    reply = answer_with_llm(client, "Why is Snow leaving?", PASSAGES)
    assert not reply.confident
    assert reply.citations == ()
    assert reply.text == DONT_KNOW


def test_model_output_is_returned_as_plain_text(server, client):
    server.replies.append(
        Reply(completion("<think>hmm</think><script>alert(1)</script>**Chemotherapy** costs [3]."))
    )
    reply = answer_with_llm(client, "Why?", PASSAGES)
    assert reply.text == "alert(1)Chemotherapy costs."
    assert plain_text("# Title\n\n`code`\x07 <b>x</b>") == "Title\ncode x"


def test_answer_uses_the_llm_on_retrieved_passages(server, client):
    server.replies.append(Reply(completion("Because chemotherapy is expensive [1].")))
    reply = answer("Why is Tony Snow leaving the White House?", PASSAGES, llm=client)
    assert reply.confident
    assert reply.citations[0].sentence in {p.text for p in PASSAGES}
    assert reply.text == "Because chemotherapy is expensive."


def test_answer_falls_back_to_extractive_when_the_llm_fails(server):
    server.replies.append(Reply({"error": {"message": "boom"}}, status=400))
    with LLMClient(server.base_url, "m") as llm:
        reply = answer("Since when has Snow served the White House?", PASSAGES, llm=llm)
    assert reply.confident
    assert reply.citations[0].sentence == PASSAGES[1].text


def test_no_question_content_skips_the_llm(server, client):
    assert not answer("What is it?", PASSAGES, llm=client).confident
    assert server.requests == []


def test_summary_from_the_llm(server, client):
    server.replies.append(
        Reply(
            completion(
                "TL;DR: Snow steps down.\n\n- He has cancer.\n"
                "* It costs a lot.\n2. Bush praised him."
            )
        )
    )
    summary = summarize_with_llm(client, "Snow steps down", "Tony Snow stepped down today.")
    assert summary.tldr == "Snow steps down."
    assert summary.points == ("He has cancer.", "It costs a lot.", "Bush praised him.")
    assert "Title: Snow steps down" in server.requests[0]["json"]["messages"][1]["content"]


def test_summary_without_tldr_is_an_error(server, client):
    server.replies.append(Reply(completion("Here are some thoughts.")))
    with pytest.raises(LLMError, match="TL;DR"):
        summarize_with_llm(client, "t", "text")


def test_summary_falls_back_to_extractive(server):
    server.replies += [Reply({"error": "down"}, status=503)] * 2
    text = (
        "Tony Snow, the White House spokesman, announced on Friday that he will step down.\n\n"
        "Snow said he is leaving because of the cost of his cancer treatment."
    )
    with LLMClient(server.base_url, "m", max_retries=1, max_retry_after=0) as llm:
        summary = summarize_article("Snow steps down", text, llm=llm)
    assert summary.tldr.startswith("Tony Snow, the White House spokesman")
    assert len(server.requests) == 2


def test_retries_5xx_then_succeeds(server, client):
    server.replies += [Reply({"error": {"message": "busy"}}, status=500), Reply(completion("fine"))]
    assert client.chat([{"role": "user", "content": "Hi"}]) == "fine"
    assert len(server.requests) == 2


def test_429_honours_retry_after(server, client):
    server.replies += [Reply({}, status=429, headers={"Retry-After": "1"}), Reply(completion("ok"))]
    start = time.monotonic()
    assert client.chat([{"role": "user", "content": "Hi"}]) == "ok"
    assert time.monotonic() - start >= 0.9


def test_retries_are_bounded(server):
    server.replies += [Reply({"error": {"message": "overloaded"}}, status=503)] * 3
    llm = LLMClient(server.base_url, "m", max_retries=2, max_retry_after=0)
    with llm, pytest.raises(LLMError, match="HTTP 503: overloaded"):
        llm.chat([{"role": "user", "content": "Hi"}])
    assert len(server.requests) == 3


def test_401_is_a_clear_error_without_retry(server, client):
    server.replies.append(Reply({"error": {"message": "bad key"}}, status=401))
    with pytest.raises(LLMError, match="HTTP 401") as error:
        client.chat([{"role": "user", "content": "Hi"}])
    assert "\n" not in str(error.value)
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>not json</html>", "not JSON"),
        ({"choices": []}, "no choices"),
        ({"object": "chat.completion"}, "no choices"),
        (completion(None), "no text"),  # type: ignore[arg-type]
    ],
)
def test_malformed_replies_are_errors(server, client, body, message):
    server.replies.append(Reply(body))
    with pytest.raises(LLMError, match=message):
        client.chat([{"role": "user", "content": "Hi"}])


def test_slow_server_times_out(server):
    server.replies.append(Reply(completion("late"), delay=2))
    llm = LLMClient(server.base_url, "m", timeout=0.3)
    with llm, pytest.raises(LLMError, match=r"did not answer within 0\.3 s"):
        llm.chat([{"role": "user", "content": "Hi"}])


def test_unreachable_server_is_an_error(server):
    url = server.base_url
    server.close()
    with LLMClient(url, "m") as llm, pytest.raises(LLMError, match="cannot reach LLM server"):
        llm.chat([{"role": "user", "content": "Hi"}])


def test_client_from_settings(server):
    assert LLMClient.from_settings(Settings()) is None
    settings = Settings(
        llm_base_url=server.base_url, llm_model="qwen", llm_api_key="k", llm_timeout=3
    )
    client = LLMClient.from_settings(settings)
    assert client is not None
    with client:
        client.chat([{"role": "user", "content": "Hi"}])
    assert server.requests[0]["json"]["model"] == "qwen"
    assert server.requests[0]["headers"]["Authorization"] == "Bearer k"
