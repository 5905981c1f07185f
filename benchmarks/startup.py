"""How fast the CLI starts and how much memory the web process holds.

Times `tidings --help` and a few `tidings <command> --help` (median wall and CPU seconds of
`--runs` runs, each a fresh process), then starts `tidings serve` on a fresh SQLite database,
waits for `/api/health`, and prints the server's resident memory idle and after a few page
requests, with the heavy libraries its process has loaded (read from a second process that
builds the same app). The load average is printed beside the figures: the machine is shared.

    .venv/bin/python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TIDINGS = [sys.executable, "-m", "tidings"]
COMMANDS = (["--help"], ["import", "--help"], ["serve", "--help"], ["feeds", "add", "--help"],
            ["enrich", "--help"])
HEAVY = ("spacy", "torch", "scipy", "sklearn", "thinc", "trafilatura", "numpy", "celery",
         "uvicorn", "fastapi")
PAGES = ("/", "/search?q=news", "/api/articles", "/api/health")


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed_run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one fresh `tidings ARGS` process."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run([*TIDINGS, *args], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user
                  + after.children_system - before.children_system)


def help_times(runs: int, env: dict[str, str]) -> None:
    print(f"CLI start ({runs} runs each, median; {load()})")
    for args in COMMANDS:
        times = [timed_run(args, env) for _ in range(runs)]
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        print(f"  tidings {' '.join(args):<22} {wall:6.2f} s wall {cpu:6.2f} s CPU")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def wait_for(url: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"tidings serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {url} in {seconds:.0f} s")


def heavy_modules(env: dict[str, str]) -> list[str]:
    code = ("import sys; from tidings.config import Settings; from tidings.server import "
            "create_app; create_app(Settings()); "
            f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.split()


def web_memory(env: dict[str, str]) -> None:
    port = free_port()
    subprocess.run([*TIDINGS, "init"], env=env, check=True, capture_output=True)
    start = time.perf_counter()
    server = subprocess.Popen([*TIDINGS, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/api/health", server)
        ready = time.perf_counter() - start
        idle = rss_mb(server.pid)
        for path in PAGES * 5:
            with urllib.request.urlopen(base + path, timeout=30) as reply:
                reply.read()
        print(f"Web process ({load()})")
        print(f"  tidings serve answers after {ready:6.2f} s")
        print(f"  RSS idle {idle:6.0f} MB, after {len(PAGES) * 5} requests "
              f"{rss_mb(server.pid):6.0f} MB")
        print(f"  heavy libraries loaded: {' '.join(heavy_modules(env)) or 'none'}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each --help")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "TIDINGS_DATABASE_URL": f"sqlite:///{folder}/startup.db"}
        help_times(options.runs, env)
        web_memory(env)


if __name__ == "__main__":
    main()
