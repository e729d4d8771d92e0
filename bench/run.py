#!/usr/bin/env python
"""`make bench`: seed, serve with gunicorn under production settings, load with wrk, report.

Steps (each printed as it runs):

1. Prepare three databases, each seeded once and reused (``--reseed`` starts over):
   ``full`` (10,000 published advices, 500 meetings × 30 items × 20 documents, 100 members,
   2,000 declarations) for the load and the PDFs, and two small sets ``q1``/``q10`` (10× the
   first) for SQL queries per request. PostgreSQL when ``DATABASE_URL`` is set (databases
   named after its own, ``<name>_bench``, ``<name>_bench_q1``, ``<name>_bench_q10``, on that
   server), otherwise SQLite files under ``bench/.data/``.
2. Count SQL queries per page in-process at 1× and 10×.
3. Start gunicorn (2 sync workers, ``bench.settings``) on a free port on 127.0.0.1.
4. For every scenario, interleaved, ``--repeats`` times: wrk at concurrency 8 for
   ``--duration`` seconds (installed with apt-get when missing and possible, else a bounded
   Python load generator: ``bench.load``), CPU time of the gunicorn workers from ``/proc``
   before and after.
5. Peak memory (VmHWM) of the web workers; PDF timings; the batch of 200 declarations through
   a real Celery worker when ``REDIS_URL`` is set (in-process otherwise).
6. Print a Markdown table and write ``bench/results.json``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
PY = sys.executable
CLK_TCK = os.sysconf("SC_CLK_TCK")
CONCURRENCY = 8
WORKERS = 2

sys.path.insert(0, str(ROOT))
from bench import load  # noqa: E402
from bench.scenarios import scenarios as build_scenarios  # noqa: E402

# Targets from issue 11, as a share of the floor measured in the same run, per kind of row
# (bench/scenarios.py).
TARGETS = {"cold": 0.10, "search": 0.07, "cached": 0.9, "internal": 0.05, "builder": 0.03}
PDF_TARGETS = {"advice_letter": 0.3, "declaration_3_receipts": 0.5, "batch_200": 15.0}
WORKER_RSS_TARGET_MB = 300


def say(msg: str) -> None:
    print(msg, flush=True)


# --- databases ---------------------------------------------------------------------------


def database_urls() -> dict[str, str]:
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(base)

        def named(name: str) -> str:
            return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))

        own = parts.path.lstrip("/") or "adviesraad"  # never the app's database itself
        return {
            "empty": named(f"{own}_bench_empty"),
            "full": named(f"{own}_bench"),
            "q1": named(f"{own}_bench_q1"),
            "q10": named(f"{own}_bench_q10"),
        }
    return {k: f"sqlite:///{DATA / f'bench_{k}.sqlite3'}" for k in ("empty", "full", "q1", "q10")}


def child_env(db_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        BENCH_DATABASE_URL=db_url,
        BENCH_DATA_DIR=str(DATA),
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    return env


def run_json(args: list[str], env: dict[str, str], *, timeout: float = 900) -> dict:
    """Run a bench module; its stderr goes to the terminal, its last stdout line is JSON."""
    proc = subprocess.run(
        [PY, "-m", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, timeout=timeout
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- processes ---------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, cookie: str = "", timeout: float = 60) -> tuple[int, int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, len(body), resp.getheader("Location") or ""
    finally:
        conn.close()


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    log = open(DATA / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(
        [
            PY, "-m", "gunicorn", "adviesraad.wsgi:application",
            "--workers", str(WORKERS), "--worker-class", "sync",
            "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench: gunicorn exited, see {DATA / 'gunicorn.log'}")
        try:
            if get(port, "/__floor__/")[0] == 200 and len(children(proc.pid)) >= WORKERS:
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("bench: gunicorn did not answer within 60 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- load --------------------------------------------------------------------------------

LOADER = "wrk"


def choose_loader() -> str:
    """wrk when installed; else install it with apt-get (Debian, as root); else the bounded
    Python load generator (``bench/load.py``), whose own CPU limits the highest req/s."""
    if shutil.which("wrk"):
        say("- load generator: wrk")
        return "wrk"
    if shutil.which("apt-get") and os.geteuid() == 0:
        say("- wrk is missing: apt-get install -y wrk")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        done = subprocess.run(["apt-get", "install", "-y", "wrk"], **quiet).returncode == 0
        if not done:
            subprocess.run(["apt-get", "update"], **quiet)
            done = subprocess.run(["apt-get", "install", "-y", "wrk"], **quiet).returncode == 0
        if done and shutil.which("wrk"):
            say("- load generator: wrk (just installed)")
            return "wrk"
    say(
        "- load generator: bench/load.py (Python, wrk could not be installed): req/s near the "
        "floor is limited by the generator itself; CPU per request is not"
    )
    return "python"


def cookie_header(sc, sessions: dict[str, str]) -> str:
    pairs = list(sc.cookies)
    if sc.user:
        pairs.append(("sessionid", sessions[sc.user]))
    return "; ".join(f"{k}={v}" for k, v in pairs)


def wrk(port: int, sc, sessions: dict[str, str], seconds: float) -> dict:
    if LOADER == "python":
        return load.run(
            port,
            sc.path,
            cookie=cookie_header(sc, sessions),
            unique=sc.unique,
            concurrency=CONCURRENCY,
            seconds=seconds,
        )
    cmd = [
        "wrk", "-t1", f"-c{CONCURRENCY}", f"-d{seconds}s", "--timeout", "10s",
        "-s", str(BENCH / "report.lua"),
    ]  # fmt: skip
    cookie = cookie_header(sc, sessions)
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd.append(f"http://127.0.0.1:{port}{sc.path}")
    env = {**os.environ, "BENCH_UNIQUE": "1" if sc.unique else "0"}  # a new query string
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCHJSON "))
    return json.loads(line[len("BENCHJSON ") :])


def settle(port: int, pids: list[int], *, limit: float = 60.0) -> None:
    """Wait until the workers are idle: sync workers still serve the connections wrk left in
    the listen backlog, and that work must not be counted against the next page.

    Sentinel requests queue behind the backlog; then the workers' CPU time must stand still
    for three readings in a row.
    """

    def sentinel() -> None:
        try:
            get(port, "/__floor__/", timeout=limit)
        except OSError:
            pass  # still busy after `limit` seconds: the CPU check below decides

    threads = [threading.Thread(target=sentinel) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(limit)
    deadline = time.monotonic() + limit
    last, still = cpu_ticks(pids), 0
    while still < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
        now = cpu_ticks(pids)
        still = still + 1 if now == last else 0
        last = now


def measure(port: int, master: int, sc, sessions, seconds: float) -> dict:
    pids = children(master)
    settle(port, pids)
    before = cpu_ticks(pids)
    r = wrk(port, sc, sessions, seconds)
    used = cpu_ticks(pids) - before  # read at once: the backlog wrk leaves is not counted
    n = max(r["requests"], 1)
    return {
        "rps": r["requests"] / (r["duration_us"] / 1e6),
        "p50_ms": r["p50_us"] / 1000,
        "p95_ms": r["p95_us"] / 1000,
        "cpu_ms_per_req": used * 1000 / CLK_TCK / n,
        "requests": r["requests"],
        "errors": r["errors"] + r["status_errors"],
    }


def measure_sequential(port: int, master: int, sc, sessions) -> dict:
    """One request on an idle server, for a page too slow to put under load: 8 concurrent
    requests of several seconds each would leave minutes of backlog after every run."""
    pids = children(master)
    settle(port, pids)
    before = cpu_ticks(pids)
    t = time.perf_counter()
    get(port, sc.path, cookie_header(sc, sessions))
    latency = time.perf_counter() - t
    used = cpu_ticks(pids) - before
    return {
        "rps": WORKERS / latency,  # what two sync workers could serve of this page
        "p50_ms": latency * 1000,
        "p95_ms": latency * 1000,
        "cpu_ms_per_req": used * 1000 / CLK_TCK,
        "requests": 1,
        "errors": 0,
    }


def load_phase(port, master, scs, sessions, *, seconds, repeats, slow) -> dict[str, list[dict]]:
    say(f"- warming up ({len(scs)} pages, 1 s each)")
    for sc in scs:
        if sc.name not in slow:
            wrk(port, sc, sessions, 1)
            settle(port, children(master))
    runs: dict[str, list[dict]] = {sc.name: [] for sc in scs}
    for r in range(repeats):
        order = scs[r % len(scs) :] + scs[: r % len(scs)]  # rotate: no page always first
        for sc in order:
            if sc.name in slow:
                runs[sc.name].append(measure_sequential(port, master, sc, sessions))
            else:
                runs[sc.name].append(measure(port, master, sc, sessions, seconds))
        floor = runs["floor"][-1]
        say(
            f"  repeat {r + 1}/{repeats}: floor {floor['rps']:.0f} req/s, "
            f"{floor['cpu_ms_per_req']:.2f} CPU ms/req"
        )
    return runs


# --- batch through the worker ---------------------------------------------------------------


class PeakSampler(threading.Thread):
    """Samples VmRSS/VmHWM of a process tree while the batch runs (children may be recycled)."""

    def __init__(self, root_pid: int):
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.peak_child_kb = 0
        self.peak_main_kb = 0
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            self.peak_main_kb = max(self.peak_main_kb, status_kb(self.root_pid, "VmHWM"))
            for pid in children(self.root_pid):
                self.peak_child_kb = max(self.peak_child_kb, status_kb(pid, "VmHWM"))
            time.sleep(0.2)


def start_celery(env: dict[str, str]) -> subprocess.Popen:
    log_path = DATA / "celery.log"
    log = open(log_path, "w")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(
        [
            PY, "-m", "celery", "-A", "adviesraad", "worker", "--concurrency=2",
            "--loglevel=info", "--without-gossip", "--without-mingle", "--without-heartbeat",
            "--hostname", f"bench-{os.getpid()}@%h",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench: the Celery worker exited, see {log_path}")
        if " ready." in log_path.read_text(errors="replace"):
            return proc
        time.sleep(0.2)
    stop(proc)
    raise SystemExit("bench: the Celery worker was not ready within 90 s")


# --- report ------------------------------------------------------------------------------


def med(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def summarise(scs, runs, q1, q10, cores, slow) -> list[dict]:
    rows = []
    floors = runs["floor"]
    for sc in scs:
        rs = runs[sc.name]
        ratio_rps = [r["rps"] / f["rps"] for r, f in zip(rs, floors, strict=True) if f["rps"]]
        ratio_cpu = [
            f["cpu_ms_per_req"] / r["cpu_ms_per_req"]
            for r, f in zip(rs, floors, strict=True)
            if r["cpu_ms_per_req"]
        ]
        target = TARGETS.get(sc.kind)
        row = {
            "scenario": sc.name,
            "path": sc.path,
            "kind": sc.kind,
            "logged_in_as": sc.user,
            "rps": round(med([r["rps"] for r in rs]), 1),
            "p50_ms": round(med([r["p50_ms"] for r in rs]), 2),
            "p95_ms": round(med([r["p95_ms"] for r in rs]), 2),
            "cpu_ms_per_req": round(med([r["cpu_ms_per_req"] for r in rs]), 3),
            "ratio_rps_to_floor": round(med(ratio_rps), 3),
            "ratio_cpu_to_floor": round(med(ratio_cpu), 3),
            "queries_1x": q1.get(sc.name, {}).get("queries"),
            "queries_10x": q10.get(sc.name, {}).get("queries"),
            "target_ratio": target,
            "requests": sum(r["requests"] for r in rs),
            "errors": sum(r["errors"] for r in rs),
            "repeats": len(rs),
            "method": "sequential (slow page)" if sc.name in slow else f"{LOADER} c={CONCURRENCY}",
            "cores": cores,
        }
        row["queries_equal"] = row["queries_1x"] == row["queries_10x"]
        # Both ratios must hold: web CPU alone misses time spent in the database server.
        worst = min(row["ratio_rps_to_floor"], row["ratio_cpu_to_floor"])
        row["meets_target"] = None if target is None else worst >= target
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    head = (
        "| page | req/s | p50 ms | p95 ms | CPU ms/req | × floor (req/s) | × floor (CPU) "
        "| target | queries 1× / 10× |\n|---|---:|---:|---:|---:|---:|---:|---|---:|"
    )
    out = [head]
    for r in rows:
        if r["target_ratio"] is None:
            target = "—"
        else:
            target = f"{'✅' if r['meets_target'] else '❌'} ≥ {r['target_ratio']}"
        q = f"{r['queries_1x']} / {r['queries_10x']}" + ("" if r["queries_equal"] else " ❌")
        err = f" ({r['errors']} errors)" if r["errors"] else ""
        if r["method"].startswith("sequential"):
            err += " ⏳"
        out.append(
            f"| {r['scenario']}{err} | {r['rps']:.{0 if r['rps'] >= 10 else 1}f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} "
            f"| {r['cpu_ms_per_req']:.2f} | {r['ratio_rps_to_floor']:.2f} "
            f"| {r['ratio_cpu_to_floor']:.2f} | {target} | {q} |"
        )
    return "\n".join(out)


def pdf_table(pdfs: dict, memory: dict) -> str:
    out = ["| PDF | median s | CPU s | target | |", "|---|---:|---:|---:|---|"]
    for key, label in [
        ("advice_letter", "advice letter"),
        ("agenda_pack", "agenda pack (30 items, 20 documents)"),
        ("declaration_3_receipts", "declaration with three receipts"),
        ("batch_200", "batch of 200 declarations"),
    ]:
        p = pdfs.get(key)
        if not p:
            continue
        target = PDF_TARGETS.get(key)
        ok = "" if target is None else ("✅" if p["median_s"] < target else "❌")
        note = f" ({p['mode']}, {p['status']})" if key == "batch_200" else ""
        if p.get("error"):
            note += f" — {p['error'][:80]}"
        cpu = p.get("cpu_median_s", "")
        out.append(f"| {label}{note} | {p['median_s']:.2f} | {cpu} | {target or '—'} | {ok} |")
    out.append("")
    out.append("| process | peak memory (VmHWM) |\n|---|---:|")
    for key, value in memory.items():
        if key.endswith("_mb"):
            out.append(f"| {key[:-3].replace('_', ' ')} | {value:.0f} MB |")
    return "\n".join(out)


# --- main --------------------------------------------------------------------------------


def main() -> None:  # noqa: PLR0915 (the steps read top to bottom)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--reseed", action="store_true", help="seed the data sets again")
    ap.add_argument("--duration", type=int, default=3, help="seconds per measurement")
    ap.add_argument("--repeats", type=int, default=5, help="interleaved repeats (median)")
    ap.add_argument("--only", default="", help="comma-separated scenario names (plus floor)")
    ap.add_argument("--skip-pdfs", action="store_true")
    ap.add_argument(
        "--slow-ms", type=float, default=1000, help="pages slower than this are not loaded"
    )
    ap.add_argument("--batch-repeats", type=int, default=1)
    ap.add_argument(
        "--loader", choices=["auto", "wrk", "python"], default="auto", help="load generator"
    )
    args = ap.parse_args()
    t0 = time.monotonic()
    global LOADER
    LOADER = choose_loader() if args.loader == "auto" else args.loader
    if args.loader != "auto":
        say(f"- load generator: {LOADER} (--loader)")
    DATA.mkdir(parents=True, exist_ok=True)
    urls = database_urls()
    redis = bool(os.environ.get("REDIS_URL"))
    cores = os.cpu_count() or 1
    load_start = os.getloadavg()
    backend = "PostgreSQL" if urls["full"].startswith("postgres") else "SQLite"
    say(f"# Adviesraad benchmark ({backend}, {'Redis' if redis else 'no Redis'}, {cores} cores)")

    say("- preparing data sets (seeded once, reused; --reseed starts over)")
    run_json(["bench.prepare", "--size", "empty", "--static"], child_env(urls["empty"]))
    extra = ["--template", urls["empty"], *(["--reseed"] if args.reseed else [])]
    full = run_json(
        ["bench.prepare", "--size", "full", "--sessions", *extra],
        child_env(urls["full"]),
    )
    say(f"  full: {full['counts']} ({'reused' if full['reused'] else 'seeded'})")
    q1 = run_json(["bench.prepare", "--size", "q1", *extra], child_env(urls["q1"]))
    q10 = run_json(["bench.prepare", "--size", "q10", *extra], child_env(urls["q10"]))

    say("- counting SQL queries per page at 1× and 10×")
    counts1 = run_json(["bench.queries"], child_env(urls["q1"]))
    counts10 = run_json(["bench.queries"], child_env(urls["q10"]))
    for name, c in counts1.items():
        if c["status"] != 200 or counts10[name]["status"] != 200:
            say(f"  ! {name}: status {c['status']} / {counts10[name]['status']}")

    scs = build_scenarios(full)
    if args.only:
        wanted = {"floor", *args.only.split(",")}
        scs = [sc for sc in scs if sc.name in wanted]
    env = child_env(urls["full"])
    port = free_port()
    say(f"- gunicorn: {WORKERS} sync workers on 127.0.0.1:{port}, bench.settings")
    web = start_gunicorn(env, port)
    memory: dict[str, float] = {}
    try:
        slow = set()
        for sc in scs:
            took = float("inf")
            for n in range(3):  # the best of the warm requests: a busy machine has flukes
                t = time.perf_counter()
                status, size, location = get(port, sc.path, cookie_header(sc, full["sessions"]))
                took = min(took, time.perf_counter() - t) if n else took
            if status != 200:
                raise SystemExit(f"bench: {sc.name} {sc.path} answered {status} {location}")
            if sc.kind != "floor" and took * 1000 > args.slow_ms:
                slow.add(sc.name)
                say(f"  ! {sc.name} takes {took:.1f} s: measured one request at a time")
        say(
            f"- load: wrk, concurrency {CONCURRENCY}, {args.duration:g} s per page, "
            f"{args.repeats} interleaved repeats"
        )
        runs = load_phase(
            port,
            web.pid,
            scs,
            full["sessions"],
            seconds=args.duration,
            repeats=args.repeats,
            slow=slow,
        )
        workers = children(web.pid)
        memory["web_worker_peak_mb"] = max(status_kb(p, "VmHWM") for p in workers) / 1024
        memory["web_master_peak_mb"] = status_kb(web.pid, "VmHWM") / 1024
    finally:
        stop(web)
    rows = summarise(scs, runs, counts1, counts10, cores, slow)

    pdfs: dict = {}
    if not args.skip_pdfs:
        mode = "worker" if redis else "inprocess"
        say(f"- PDFs: medians of 5; batch of {full['batch_declarations']} declarations ({mode})")
        celery = start_celery(env) if redis else None
        sampler = PeakSampler(celery.pid) if celery else None
        try:
            if sampler:
                sampler.start()
            pdfs = run_json(
                ["bench.pdfs", "--batch", mode, "--batch-repeats", str(args.batch_repeats)],
                {**env, "BENCH_CELERY_LOG": str(DATA / "celery.log")} if celery else env,
            )
        finally:
            if sampler:
                sampler.halt.set()
                sampler.join()
                memory["celery_worker_child_peak_mb"] = sampler.peak_child_kb / 1024
                memory["celery_worker_main_peak_mb"] = sampler.peak_main_kb / 1024
            if celery:
                stop(celery)
        memory["pdf_process_peak_mb"] = pdfs.pop("process_peak_rss_mb", 0)

    result = {
        "machine": {
            "cores": cores,
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in load_start],
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "setup": {
            "database": backend,
            "redis": redis,
            "gunicorn_workers": WORKERS,
            "load_generator": LOADER,
            "concurrency": CONCURRENCY,
            "seconds_per_measurement": args.duration,
            "repeats": args.repeats,
            "data": full["counts"],
            "data_1x": q1["counts"],
            "data_10x": q10["counts"],
        },
        "scenarios": rows,
        "pdfs": [{"name": k, **v, "target_s": PDF_TARGETS.get(k)} for k, v in pdfs.items()],
        "memory": {
            **{k: round(v, 1) for k, v in memory.items()},
            "worker_target_mb": WORKER_RSS_TARGET_MB,
        },
        "total_seconds": round(time.monotonic() - t0, 1),
    }
    (BENCH / "results.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    say("")
    say(table(rows))
    say("")
    if pdfs or memory:
        say(pdf_table(pdfs, memory))
        say("")
    say(
        "× floor: the page's share of the floor measured in the same run (median of the "
        "repeats); by CPU = floor CPU ms per request / page CPU ms per request of the web workers. "
        "A target holds when both ratios meet it (web CPU does not see time spent in the "
        "database). ⏳ = too slow to load: one request at a time, req/s = 2 workers / latency."
    )
    say(f"Wrote {BENCH / 'results.json'} in {result['total_seconds']:.0f} s.")


if __name__ == "__main__":
    main()
