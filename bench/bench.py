#!/usr/bin/env python3
"""Benchmarks of the login backend against its physical limit, the password hash.

Starts the backend in no-setup mode (its own data directory and ports), prepares accounts, runs the
scenarios, stops everything and writes bench/results/latest.json, a dated copy, and
bench/results/latest.html (one self-contained chart page). Every run is bounded in time and talks
to 127.0.0.1 only. Run it through bench/run, which installs wrk and builds the jar.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import collections
import platform
import re
import resource
import shutil
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")
LUA = os.path.join(HERE, "lua")
JAVA_SRC = os.path.join(HERE, "java")

SCENARIOS = ["startup", "login", "refresh", "authenticated", "lockout-lag", "audit-ingest", "surge"]
PASSWORD = "bench password that is long enough"
ADMIN = "bench-admin"
ADMIN_PASSWORD = "bench admin password 2026"
HASH = {"memory_kib": 19456, "iterations": 2, "parallelism": 1}
PORTS = {"HTTP_PORT": 18080, "EMBEDDED_KAFKA_PORT": 29092, "EMBEDDED_KAFKA_CONTROLLER_PORT": 29093,
         "EMBEDDED_PG_PORT": 25432, "EMBEDDED_REDIS_PORT": 26379}
BASE = f"http://127.0.0.1:{PORTS['HTTP_PORT']}"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------- HTTP

def http(method, path, body=None, token=None, timeout=30, client_ip=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if client_ip:
        # the backend trusts 127.0.0.1 as its load balancer, as a real deployment trusts its proxies
        request.add_header("X-Forwarded-For", client_ip)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text.startswith(("{", "[")) else text)
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, (json.loads(text) if text.startswith("{") else text)


def login(identifier, password, client_ip=None):
    return http("POST", "/api/v1/auth/login", {"identifier": identifier, "password": password},
                client_ip=client_ip)


def metric(name):
    _, text = http("GET", "/metrics")
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            total += float(line.rsplit(" ", 1)[1])
    return total


def settle(limit=300):
    """Waits until every consumer group has caught up (no lag on any partition), so that one scenario's
    backlog is not measured as the next one's load: after audit-ingest the lockout consumer still applies
    its 100,000 failures for a while, and a surge run meanwhile found Redis and the event loops busy with
    them (goodput 0.41 instead of about 0.7). Returns the seconds waited."""
    began = time.monotonic()
    calm = 0
    while time.monotonic() - began < limit:
        calm = calm + 1 if metric("kafka_consumer_lag_records") == 0 else 0
        if calm >= 2:
            break
        time.sleep(0.5)
    return round(time.monotonic() - began, 1)


# ---------------------------------------------------------------- the backend process

class Backend:
    def __init__(self, jar, data_dir):
        self.jar, self.data_dir, self.process, self.output = jar, data_dir, None, None

    def start(self, limit=180):
        env = dict(os.environ)
        env.update({k: str(v) for k, v in PORTS.items()})
        env.update({"DATA_DIR": self.data_dir, "BOOTSTRAP_ADMIN_USERNAME": ADMIN,
                    "BOOTSTRAP_ADMIN_PASSWORD": ADMIN_PASSWORD,
                    "HASH_MEMORY_KIB": str(HASH["memory_kib"]), "HASH_ITERATIONS": str(HASH["iterations"]),
                    "HASH_PARALLELISM": str(HASH["parallelism"]),
                    # the benchmark plays many clients behind one load balancer (documentation addresses
                    # in X-Forwarded-For, never sent anywhere), so the per-IP throttle sees each client
                    "TRUSTED_PROXIES": "127.0.0.1/32"})
        for unset in ("KAFKA_BOOTSTRAP_SERVERS", "PG_HOST", "REDIS_URL"):
            env.pop(unset, None)
        self.output = open(os.path.join(self.data_dir, "backend.log"), "a")
        began = time.monotonic()
        # BENCH_JAVA_OPTS reaches the backend's JVM, e.g. a JFR recording for a profile of a scenario
        java = ["java", *shlex.split(os.environ.get("BENCH_JAVA_OPTS", "")), "-jar", self.jar]
        self.process = subprocess.Popen(java, env=env, stdout=self.output,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        while time.monotonic() - began < limit:
            if self.process.poll() is not None:
                raise RuntimeError(f"backend exited with {self.process.returncode}; see {self.output.name}")
            try:
                if http("GET", "/health/ready", timeout=2)[0] == 200:
                    return time.monotonic() - began
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("backend not ready in time")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.output:
            self.output.close()

    def rss_mib(self):
        """Resident memory of the JVM and of the processes it started (PostgreSQL, Redis)."""
        tree = {self.process.pid}
        parents = {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    parents[int(pid)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
        # PostgreSQL daemonizes out of the JVM's tree: find it by the data directory on its command line
        for pid in parents:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    if self.data_dir.encode() in cmdline.read():
                        tree.add(pid)
            except OSError:
                continue
        grew = True
        while grew:
            grew = False
            for pid, parent in parents.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        jvm = total = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/status") as status:
                    kib = int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))
            except (OSError, AttributeError):
                continue
            total += kib
            jvm += kib if pid == self.process.pid else 0
        return {"jvm_mib": round(jvm / 1024, 1), "with_children_mib": round(total / 1024, 1)}

    def heap_mib(self):
        _, text = http("GET", "/metrics")
        used = sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line)
        return round(used / 2**20, 1)


# ---------------------------------------------------------------- tools

def wrk(script, connections, seconds, env_extra, threads=None):
    threads = threads or min(connections, 2)
    env = dict(os.environ, BENCH_LUA_DIR=LUA, **env_extra)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
               "-s", os.path.join(LUA, script), BASE]
    output = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60).stdout
    return parse_benchjson(output, " ".join(command))


def java_tool(jar, source, *args, timeout=600, c1_only=False):
    # c1_only for a load generator: one that ran C2 would take a core's worth of compiling from the backend
    flags = ["-XX:TieredStopAtLevel=1"] if c1_only else []
    command = ["java", *flags, "-cp", jar, os.path.join(JAVA_SRC, source), *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    return parse_benchjson(result.stdout + result.stderr, " ".join(command))


def parse_benchjson(output, what):
    for line in output.splitlines():
        if line.startswith("BENCHJSON "):
            return json.loads(line[len("BENCHJSON "):])
    raise RuntimeError(f"no result from {what}:\n{output[-2000:]}")


class CpuSplit:
    """CPU seconds by thread group over one stretch of a scenario, for the whole machine: the backend's
    threads (hashing, event loops, the in-process broker, JIT), PostgreSQL, Redis, and the load generator
    ("load generator": wrk or bench/java, counted once it has exited). It shows where the cores went that hashing did not
    get: what a ratio below the hash bound is made of."""

    HASHING = "password-hash"

    def __enter__(self):
        self.ticks, self.children, self.began = thread_ticks(), children_cpu(), time.monotonic()
        return self

    def __exit__(self, *failure):
        self.ticks_after, self.children_after, self.ended = thread_ticks(), children_cpu(), time.monotonic()
        return False

    def result(self, top=12):
        hz = os.sysconf("SC_CLK_TCK")
        groups = collections.Counter()
        for key, (process, thread, ticks) in self.ticks_after.items():
            spent = ticks - self.ticks.get(key, (process, thread, 0))[2]
            if spent > 0:
                groups[f"{process}/{re.sub(r'[-_#]?[0-9]+$', '', thread)}"] += spent / hz
        generator = self.children_after - self.children
        if generator > 0:
            groups["load generator"] += generator  # wrk or a bench/java program
        total = sum(groups.values())
        hashing = sum(v for k, v in groups.items() if self.HASHING in k)
        wall = self.ended - self.began
        return {"wall_seconds": round(wall, 2), "cpu_seconds": round(total, 2),
                "cores_busy": round(total / wall, 2) if wall > 0 else None,
                "hashing_share": round(hashing / total, 3) if total else None,
                "top": [[name, round(seconds, 2)] for name, seconds in groups.most_common(top)]}


def thread_ticks():
    """{(pid, tid): (process name, thread name, user+system ticks)} of every thread on the machine."""
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as f:
                process = f.read().strip()
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    stat = f.read()
                fields = stat[stat.rindex(")") + 2:].split()
                found[(pid, tid)] = (process, stat[stat.index("(") + 1:stat.rindex(")")],
                                     int(fields[11]) + int(fields[12]))
        except (OSError, ValueError):
            pass  # a thread that ended while being read
    return found


def children_cpu():
    """CPU seconds of this script's finished child processes: the load generators it waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def percentile(values, p):
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, int(-(-p * len(ordered) // 100)) - 1))], 2) if ordered else None


# ---------------------------------------------------------------- preparation

def register_accounts(prefix, count):
    def one(i):
        status, body = http("POST", "/api/v1/accounts", {
            "username": f"{prefix}{i}", "email": f"{prefix}{i}@bench.example", "password": PASSWORD})
        if status not in (201, 409):
            raise RuntimeError(f"registration failed: {status} {body}")
        return f"{prefix}{i}"
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return list(pool.map(one, range(count)))


def write_lines(directory, name, lines):
    path = os.path.join(directory, name)
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")
    return path


# ---------------------------------------------------------------- scenarios

def warm_up(ctx, seconds):
    """Logins, then authenticated reads and refreshes, before anything is measured. In no-setup mode the
    JVM also hosts the Kafka broker, and its JIT compilers keep a core busy for the first minutes under
    load (measured: 6 of 30 CPU seconds in the first 15 s of logins, under 3 after two minutes), which a
    short run would count against the backend."""
    if seconds <= 0:
        return
    accounts = write_lines(ctx["work"], "warm.tsv", [f"{u}\t{PASSWORD}" for u in ctx["users"]])
    log(f"warm-up: {seconds} s")
    wrk("login.lua", 8, max(1, seconds * 2 // 3), {"BENCH_ACCOUNTS": accounts})
    tokens = [body["access_token"] for status, body in (login(u, PASSWORD) for u in ctx["users"][:8]) if status == 200]
    refresh = [body["refresh_token"] for status, body in (login(u, PASSWORD) for u in ctx["users"][8:16])
               if status == 200]
    rest = max(1, seconds // 6)
    # and beyond capacity: the refusal path (503 overloaded) is code the JIT has not compiled yet, and the
    # first surge otherwise pays for that compilation and for the recompilation of what it touches
    wrk("login.lua", 64, rest, {"BENCH_ACCOUNTS": accounts})
    wrk("me.lua", 16, rest, {"BENCH_TOKENS": write_lines(ctx["work"], "warm-access.txt", tokens)})
    wrk("refresh.lua", len(refresh), rest, {"BENCH_TOKENS": write_lines(ctx["work"], "warm-refresh.txt", refresh)},
        threads=len(refresh))


def measure_hash_bound(ctx, when):
    """argon2id verifications per second on every core with nothing else running: the login's physical limit."""
    log(f"hash bound ({when}): argon2id on all cores, no backend running")
    return java_tool(ctx["jar"], "HashRate.java", HASH["memory_kib"], HASH["iterations"], HASH["parallelism"],
                     os.cpu_count(), ctx["seconds"])


def scenario_login(ctx):
    users = ctx["users"]
    accounts = write_lines(ctx["work"], "accounts.tsv", [f"{u}\t{PASSWORD}" for u in users])
    steps, best = [], None
    for connections in [1, 2, 4, 8, 16, 32, 64]:
        # requests the previous step's wrk abandoned at its end are still being hashed: let them finish
        time.sleep(2)
        log(f"login: {connections} connections")
        with CpuSplit() as cpu:
            step = wrk("login.lua", connections, ctx["seconds"], {"BENCH_ACCOUNTS": accounts})
        step["cpu"] = cpu.result()
        step["connections"] = connections
        step["error_share"] = round(step["non2xx"] / max(1, step["requests"]), 4)
        # only answered logins count: a fast 503 is a refusal, not capacity
        step["ok_rps"] = round(step["rps"] * (1 - step["error_share"]), 2)
        steps.append(step)
        if best is None or step["ok_rps"] > best["ok_rps"]:
            best = step
        if len(steps) >= 3 and steps[-1]["ok_rps"] < steps[-3]["ok_rps"] * 1.03:
            break  # throughput stopped growing
    ctx["login_capacity"] = best["ok_rps"]
    ctx["login_best_connections"] = best["connections"]
    # the ratio is filled in at the end, against the higher of the bounds measured before and after the run
    return {"steps": steps, "best": best, "goal": 0.9}


def scenario_authenticated(ctx):
    tokens = []
    for user in ctx["users"][:8]:
        status, body = login(user, PASSWORD)
        if status == 200:
            tokens.append(body["access_token"])
    path = write_lines(ctx["work"], "access.txt", tokens)
    steps = []
    for connections in [8, 32, 64]:
        log(f"authenticated: {connections} connections")
        step = wrk("me.lua", connections, ctx["seconds"], {"BENCH_TOKENS": path})
        step["connections"] = connections
        steps.append(step)
    best = max(steps, key=lambda s: s["rps"])
    return {"steps": steps, "best": best, "goal_per_second": 10000}


def scenario_refresh(ctx):
    status, _ = http("POST", "/api/v1/auth/refresh", {"refresh_token": "probe"})
    if status == 404:
        return {"skipped": "POST /api/v1/auth/refresh does not exist in this build"}
    steps = []
    for connections in [8, 32]:
        tokens = []
        for i in range(connections):
            status, body = login(ctx["users"][i % len(ctx["users"])], PASSWORD)
            if status == 200:
                tokens.append(body["refresh_token"])
        path = write_lines(ctx["work"], f"refresh-{connections}.txt", tokens)
        log(f"refresh: {connections} chains")
        step = wrk("refresh.lua", connections, ctx["seconds"], {"BENCH_TOKENS": path}, threads=connections)
        step["connections"] = connections
        steps.append(step)
    best = max(steps, key=lambda s: s["rps"])
    return {"steps": steps, "best": best, "goal_per_second": 5000}


def lock_state(account_id, token):
    status, body = http("GET", f"/api/v1/admin/accounts/{account_id}/lockout", token=token, timeout=5)
    return body if status == 200 else None


def scenario_lockout_lag(ctx):
    _, admin = login(ADMIN, ADMIN_PASSWORD)
    token = admin["access_token"]
    probe_user = register_accounts("lagprobe", 1)[0]
    status, me = http("GET", "/api/v1/me", token=login(probe_user, PASSWORD)[1]["access_token"])
    if lock_state(me["id"], token) is None:
        return {"skipped": "GET /api/v1/admin/accounts/{id}/lockout does not exist in this build"}
    victims = register_accounts("lagvictim", 20)
    accounts = write_lines(ctx["work"], "background.tsv", [f"{u}\t{PASSWORD}" for u in ctx["users"]])
    background = subprocess.Popen(
        ["wrk", "-t", "1", "-c", "2", "-d", "600s", "-s", os.path.join(LUA, "login.lua"), BASE],
        env=dict(os.environ, BENCH_LUA_DIR=LUA, BENCH_ACCOUNTS=accounts),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lags, next_attempt_locked = [], 0
    try:
        for n, victim in enumerate(victims):
            client = f"198.51.100.{n + 1}"
            status, body = login(victim, PASSWORD, client)
            if status != 200:
                raise RuntimeError(f"login of {victim} answered {status} {body}")
            account_id = http("GET", "/api/v1/me", token=body["access_token"])[1]["id"]
            for _ in range(5):
                login(victim, "wrong password for the lag probe", client)
            crossed = time.monotonic()
            status, _ = login(victim, PASSWORD, client)  # the next attempt, with the right password
            next_attempt_locked += status == 423
            while time.monotonic() - crossed < 10:
                state = lock_state(account_id, token)
                if state and (state.get("lockedUntil") or state.get("permanent")):
                    lags.append((time.monotonic() - crossed) * 1000)
                    break
                time.sleep(0.002)
    finally:
        background.terminate()
        background.wait()
    burst = burst_overshoot(register_accounts("burstvictim", 1)[0])
    return {"trials": len(victims), "consumer_lag_ms": {"p50": percentile(lags, 50), "p99": percentile(lags, 99),
            "max": round(max(lags), 2) if lags else None, "samples": len(lags)},
            "next_attempt_refused_share": round(next_attempt_locked / len(victims), 3),
            "goal_p99_ms": 50, "burst": burst}


def burst_overshoot(victim, guesses=200):
    before = metric("auth_password_verifications_total")
    with concurrent.futures.ThreadPoolExecutor(guesses) as pool:
        # a botnet: every guess from its own address, so only the per-account guard stands in the way
        statuses = list(pool.map(lambda i: login(victim, f"wrong guess {i}",
                                                 f"203.0.113.{i % 250 + 1}")[0], range(guesses)))
    time.sleep(0.5)
    verified = metric("auth_password_verifications_total") - before
    counts = {str(s): statuses.count(s) for s in sorted(set(statuses))}
    return {"guesses": guesses, "password_verifications": int(verified), "statuses": counts}


def scenario_audit_ingest(ctx):
    pg = f"jdbc:postgresql://127.0.0.1:{PORTS['EMBEDDED_PG_PORT']}/postgres"
    with CpuSplit() as cpu:
        result = java_tool(ctx["jar"], "AuditIngest.java", f"127.0.0.1:{PORTS['EMBEDDED_KAFKA_PORT']}", pg,
                           "postgres", 100000, 180, BASE + "/metrics", timeout=400)
    # the producer's own CPU (making and sending the events) is in the load generator's share
    result["cpu"] = cpu.result()
    result["goal_rows_per_second"] = 20000
    return result


def scenario_surge(ctx, backend):
    capacity = ctx.get("login_capacity")
    if not capacity:
        return {"skipped": "needs the login scenario's measured capacity"}
    accounts = write_lines(ctx["work"], "surge.tsv", [f"{u}\t{PASSWORD}" for u in ctx["users"]])
    before = {"rss": backend.rss_mib(), "heap_mib": backend.heap_mib()}
    with CpuSplit() as cpu:
        result = java_tool(ctx["jar"], "OpenLoad.java", BASE, accounts, round(3 * capacity, 1), 30, timeout=200,
                           c1_only=True)
    result["cpu"] = cpu.result()
    time.sleep(2)
    after = {"rss": backend.rss_mib(), "heap_mib": backend.heap_mib()}
    result.update({"capacity_per_second": capacity,
                   "goodput_share_of_capacity": round(result["goodput_per_second"] / capacity, 3),
                   "before": before, "after": after, "goal": {"goodput_share": 0.9, "accepted_p99_ms": 1000}})
    return result


# ---------------------------------------------------------------- report

def table(results):
    rows = []
    def add(name, value, goal=""):
        rows.append((name, value, goal))
    s = {k: v for k, v in results["scenarios"].items() if "failed" not in v and "skipped" not in v}
    for name, v in results["scenarios"].items():
        if "failed" in v or "skipped" in v:
            add(name, ("FAILED: " + v["failed"] if "failed" in v else "skipped: " + v["skipped"])[:60])
    if "startup" in s:
        add("startup, cold / warm", f"{s['startup']['cold_seconds']} s / {s['startup']['warm_seconds']} s")
        add("RSS idle (JVM / with PostgreSQL+Redis)",
            f"{s['startup']['idle_rss']['jvm_mib']} / {s['startup']['idle_rss']['with_children_mib']} MiB")
    if "login" in s and "best" in s["login"]:
        b = s["login"]["best"]
        add("login: successful logins/s, best concurrency", f"{b['ok_rps']:.1f} (c={b['connections']}, "
            f"{b['error_share'] * 100:.1f} % refused)")
        add("login: p50 / p90 / p99", f"{b['p50_ms']:.1f} / {b['p90_ms']:.1f} / {b['p99_ms']:.1f} ms")
        add("login: hash bound (argon2id verifications/s)", f"{s['login']['hash_bound_per_second']:.1f}")
        add("login: ratio logins/s : hashes/s", f"{s['login']['ratio_to_hash_bound']}", ">= 0.9")
        if "cpu" in b:
            add("login: CPU to hashing at that step", cpu_summary(b["cpu"]))
    for name, goal in (("refresh", ">= 5000/s"), ("authenticated", ">= 10000/s")):
        if name in s and "best" in s[name]:
            b = s[name]["best"]
            add(f"{name}: requests/s", f"{b['rps']:.0f} (c={b['connections']})", goal)
            add(f"{name}: p50 / p99", f"{b['p50_ms']:.2f} / {b['p99_ms']:.2f} ms")
    if "lockout-lag" in s:
        l = s["lockout-lag"]
        add("lockout-lag: lock visible to admin p50 / p99",
            f"{l['consumer_lag_ms']['p50']} / {l['consumer_lag_ms']['p99']} ms", "p99 <= 50 ms")
        add("lockout-lag: next attempt refused", f"{l['next_attempt_refused_share'] * 100:.0f} %")
        add("burst: 200 wrong guesses -> verifications", f"{l['burst']['password_verifications']}", "<= 6")
        add("burst: statuses", json.dumps(l["burst"]["statuses"]))
    if "audit-ingest" in s:
        a = s["audit-ingest"]
        add("audit-ingest: rows/s (100k events)", f"{a['rows_per_second']:.0f}", ">= 20000")
        if "cpu" in a:
            add("audit-ingest: busiest", ", ".join(f"{n.split('/')[-1]} {v:.1f} s" for n, v in a["cpu"]["top"][:3]))
    if "surge" in s and "goodput_per_second" in s["surge"]:
        g = s["surge"]
        add("surge 3x: goodput share of capacity", f"{g['goodput_share_of_capacity']}", ">= 0.9")
        add("surge 3x: accepted p99", f"{g['accepted_p99_ms']:.0f} ms", "< 1000 ms")
        add("surge 3x: statuses", json.dumps(g["statuses"]))
        add("surge 3x: heap before / after", f"{g['before']['heap_mib']} / {g['after']['heap_mib']} MiB")
        if "cpu" in g:
            add("surge 3x: CPU to hashing", cpu_summary(g["cpu"]))
    width = max(len(r[0]) for r in rows) if rows else 10
    lines = [f"{'measure'.ljust(width)}  {'result':<34} goal", "-" * (width + 48)]
    lines += [f"{n.ljust(width)}  {v:<34} {g}" for n, v, g in rows]
    return "\n".join(lines)


def cpu_summary(cpu):
    share = cpu.get("hashing_share")
    return f"{share * 100:.0f} % of {cpu['cpu_seconds']:.0f} CPU-s" if share is not None else "n/a"


def chart_html(results):
    """One self-contained page: the login throughput curve against the hash bound, and the table."""
    s = results["scenarios"]
    svg = ""
    if "login" in s and "steps" in s["login"]:
        steps, bound = s["login"]["steps"], s["login"]["hash_bound_per_second"]
        top = max([bound] + [x["ok_rps"] for x in steps]) * 1.15
        w, h, pad = 640, 320, 50
        xs = [pad + i * (w - 2 * pad) / max(1, len(steps) - 1) for i in range(len(steps))]
        ys = [h - pad - x["ok_rps"] / top * (h - 2 * pad) for x in steps]
        by = h - pad - bound / top * (h - 2 * pad)
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
        labels = "".join(f'<text x="{x:.1f}" y="{h - pad + 18}" text-anchor="middle">{st["connections"]}</text>'
                         for x, st in zip(xs, steps))
        dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{st["ok_rps"]:.1f} successful/s, p99 '
                       f'{st["p99_ms"]:.0f} ms</title></circle>' for x, y, st in zip(xs, ys, steps))
        svg = (f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="logins per second by '
               f'concurrency against the hash bound"><line x1="{pad}" y1="{by:.1f}" x2="{w - pad}" y2="{by:.1f}" '
               f'stroke="#b00" stroke-dasharray="6 4"/><text x="{w - pad}" y="{by - 6:.1f}" text-anchor="end" '
               f'fill="#b00">hash bound {bound:.0f}/s</text><polyline fill="none" stroke="#036" stroke-width="2" '
               f'points="{points}"/>{dots}{labels}<text x="{w / 2}" y="{h - 8}" text-anchor="middle">connections'
               f'</text><text x="14" y="{h / 2}" transform="rotate(-90 14 {h / 2})" text-anchor="middle">logins/s'
               f'</text></svg>')
    curve = ""
    if "audit-ingest" in s and "curve" in s["audit-ingest"]:
        pts = s["audit-ingest"]["curve"]
        w, h, pad = 640, 240, 50
        tmax = max(p[0] for p in pts) or 1
        rmax = max(p[1] for p in pts) or 1
        poly = " ".join(f"{pad + p[0] / tmax * (w - 2 * pad):.1f},{h - pad - p[1] / rmax * (h - 2 * pad):.1f}"
                        for p in pts)
        curve = (f'<h2>Audit ingest: rows written over time</h2><svg viewBox="0 0 {w} {h}" width="{w}" '
                 f'height="{h}" role="img" aria-label="audit rows over time"><polyline fill="none" stroke="#063" '
                 f'stroke-width="2" points="{poly}"/><text x="{w / 2}" y="{h - 8}" text-anchor="middle">seconds '
                 f'(0 to {tmax:.1f})</text><text x="{pad}" y="20">{rmax} rows</text></svg>')
    escaped = table(results).replace("&", "&amp;").replace("<", "&lt;")
    return (f'<!doctype html><html lang="en"><meta charset="utf-8"><title>login-backend benchmarks</title>'
            f'<style>body{{font:14px system-ui,sans-serif;margin:2em;color:#111}}pre{{background:#f4f4f4;'
            f'padding:1em}}svg text{{font-size:12px}}</style><h1>login-backend benchmarks</h1>'
            f'<p>{results["machine"]["description"]} — {results["finished"]}</p><h2>Logins per second by '
            f'concurrency</h2>{svg}{curve}<h2>Summary</h2><pre>{escaped}</pre></html>')


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenarios", nargs="*", default=SCENARIOS, help=", ".join(SCENARIOS))
    parser.add_argument("--jar", required=True)
    parser.add_argument("--seconds", type=int, default=10, help="length of each measured step")
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=120, help="seconds of load before the first measurement")
    args = parser.parse_args()
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s) {sorted(unknown)}; choose from {SCENARIOS}")
    jar = os.path.abspath(args.jar)
    work = tempfile.mkdtemp(prefix="login-bench-")
    ctx = {"jar": jar, "work": work, "seconds": args.seconds}
    results = {"started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "machine": machine(), "hash_parameters": HASH, "scenarios": {}}
    backend = Backend(jar, os.path.join(work, "data"))
    os.makedirs(backend.data_dir)
    measures_login = "login" in args.scenarios or "surge" in args.scenarios
    # the hash bound with nothing else on the machine: before the backend starts and after it stops (a
    # backend that has just started or registered accounts is still busy in its consumers and JIT)
    bounds = [measure_hash_bound(ctx, "before")] if measures_login else []
    try:
        log("starting the backend (cold: empty data directory)")
        cold = backend.start()
        if "startup" in args.scenarios:
            backend.stop()
            log("restarting (warm)")
            backend = Backend(jar, backend.data_dir)
            warm = backend.start()
            time.sleep(10)
            results["scenarios"]["startup"] = {"cold_seconds": round(cold, 2), "warm_seconds": round(warm, 2),
                                               "idle_rss": backend.rss_mib()}
        log(f"registering {args.accounts} accounts")
        ctx["users"] = register_accounts("benchuser", args.accounts)
        results["warmup_seconds"] = args.warmup
        warm_up(ctx, args.warmup)
        order = [s for s in SCENARIOS if s in args.scenarios and s != "startup"]
        if "surge" in order and "login" not in order:
            order.insert(0, "login")
        results["settled_seconds"] = {}
        for name in order:
            waited = settle()
            results["settled_seconds"][name] = waited
            if waited > 1:
                log(f"waited {waited} s for the consumers to catch up before {name}")
            log(f"scenario {name}")
            try:
                if name == "surge":
                    results["scenarios"][name] = scenario_surge(ctx, backend)
                else:
                    results["scenarios"][name] = globals()["scenario_" + name.replace("-", "_")](ctx)
            except Exception as failure:  # one broken scenario must not lose the others' results
                log(f"scenario {name} failed: {failure!r}")
                results["scenarios"][name] = {"failed": repr(failure)}
    finally:
        backend.stop()
        log_copy = os.path.join(RESULTS, "backend-last.log")
        os.makedirs(RESULTS, exist_ok=True)
        if os.path.exists(os.path.join(backend.data_dir, "backend.log")):
            shutil.copy(os.path.join(backend.data_dir, "backend.log"), log_copy)
        shutil.rmtree(work, ignore_errors=True)
    if measures_login:
        bounds.append(measure_hash_bound(ctx, "after"))
        bound = max(bounds, key=lambda b: b["per_second"])
        login_result = results["scenarios"].get("login", {})
        if "best" in login_result:
            login_result.update({"hash_bound_per_second": bound["per_second"], "hash": bound,
                                 "hash_bounds_measured": [b["per_second"] for b in bounds],
                                 "ratio_to_hash_bound": round(login_result["best"]["ok_rps"] / bound["per_second"], 3)})
    results["finished"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in ("latest.json", f"{stamp}.json"):
        with open(os.path.join(RESULTS, name), "w") as out:
            json.dump(results, out, indent=2)
    with open(os.path.join(RESULTS, "latest.html"), "w") as out:
        out.write(chart_html(results))
    print()
    print(table(results))
    print(f"\nresults: {os.path.join(RESULTS, 'latest.json')}, chart: {os.path.join(RESULTS, 'latest.html')}")


def machine():
    with open("/proc/cpuinfo") as cpuinfo:
        model = next((l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("model name")), "?")
    with open("/proc/meminfo") as meminfo:
        memory = int(meminfo.readline().split()[1]) // 1024 // 1024
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"cores": os.cpu_count(), "cpu": model, "memory_gib": memory, "java": java,
            "os": platform.platform(),
            "description": f"{os.cpu_count()} cores ({model}), {memory} GiB, {java}"}


if __name__ == "__main__":
    sys.exit(main())
