"""Requests sent on connections left idle about as long as the server keeps them: how many get
no reply (httpx's RemoteProtocolError or ReadError).

    python benchmarks/keep_alive.py [--clients 50] [--rounds 8] [--gap 5.0] [--expiry 5.0]

Serves an empty SQLite database with `tidings serve`; each of `--clients` clients (one
connection each, httpx's pool with `--expiry` as its keepalive_expiry; 5 s is httpx's default)
fetches the static file `--rounds` times, idle `--gap` ± 30 ms between requests. When the gap
is the server's keep-alive timeout (uvicorn's default is 5 s), some requests reach a connection
the server is closing at that instant; a pool that drops idle connections first, or a server
that keeps them longer, gets none.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import httpx

from http_load import STATIC, free_port, start_server, tidings


async def client(base: str, args: argparse.Namespace, seen: Counter[str], seed: int) -> None:
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=1, keepalive_expiry=args.expiry)
    async with httpx.AsyncClient(base_url=base, limits=limits) as http:
        for _ in range(args.rounds):
            try:
                reply = await http.get(STATIC)
                seen["ok" if reply.is_success else f"HTTP {reply.status_code}"] += 1
            except httpx.HTTPError as error:
                seen[type(error).__name__] += 1
            await asyncio.sleep(args.gap + rng.uniform(-0.03, 0.03))


async def clients(base: str, args: argparse.Namespace) -> Counter[str]:
    seen: Counter[str] = Counter()
    await asyncio.gather(*(client(base, args, seen, n) for n in range(args.clients)))
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=8, help="requests per client")
    parser.add_argument("--gap", type=float, default=5.0, help="idle seconds between requests")
    parser.add_argument("--expiry", type=float, default=5.0, help="the pool's keepalive_expiry")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'tidings.db'}"
        subprocess.run(tidings("--database-url", url, "init"), check=True, capture_output=True)
        port = free_port()
        server = start_server(url, port, Path(tmp) / "serve.log")
        try:
            seen = asyncio.run(clients(f"http://127.0.0.1:{port}", args))
        finally:
            server.terminate()
            server.wait(timeout=30)
    errors = sum(n for kind, n in seen.items() if kind != "ok")
    detail = ", ".join(f"{n} {kind}" for kind, n in seen.most_common() if kind != "ok")
    print(f"{sum(seen.values())} requests after {args.gap:.2f} s idle (pool expiry "
          f"{args.expiry:.1f} s): {errors} without a reply{f' ({detail})' if detail else ''}")


if __name__ == "__main__":
    main()
