#!/usr/bin/env python3
"""Reads what every tool wrote in a bench/run.sh output directory and writes results.md and results.json.

Every number comes from a tool's own output file (llmload report.json, Locust's --csv stats, GuideLLM's benchmarks
json, AIPerf's profile_export_aiperf.json, inference-perf's stage_0_lifecycle_metrics.json) or from /usr/bin/time
(CPU seconds, user + sys, children included). A tool whose output is missing is listed with its exit code and the
last line it printed, never estimated.
"""
import csv
import json
import os
import sys

out = sys.argv[1]


def load(path):
    with open(path) as f:
        return json.load(f)


def llmload(d):
    r = load(os.path.join(d, "report.json"))
    o = r["overall"]
    return dict(completed=o["succeeded"], failed=o["errors"]["total"], seconds=o["durationSeconds"],
                ttft=(o["ttftMs"]["p50"], o["ttftMs"]["p99"]), itl=(o["itlMs"]["p50"], o["itlMs"]["p99"]))


def locust(d):
    rows = {r["Name"]: r for r in csv.DictReader(open(os.path.join(d, "locust_stats.csv")))}
    chat = rows["chat"]
    completed = int(chat["Request Count"]) - int(chat["Failure Count"])
    seconds = completed / float(chat["Requests/s"]) if float(chat["Requests/s"]) else None
    pct = lambda name, p: float(rows[name][p]) if name in rows else None
    return dict(completed=completed, failed=int(chat["Failure Count"]), seconds=seconds,
                ttft=(pct("TTFT", "50%"), pct("TTFT", "99%")), itl=(pct("ITL", "50%"), pct("ITL", "99%")))


def guidellm(d):
    b = load(os.path.join(d, "benchmarks.json"))["benchmarks"][0]
    m = b["metrics"]
    t = m["request_totals"]
    s = lambda k: (m[k]["successful"]["median"], m[k]["successful"]["percentiles"]["p99"])
    return dict(completed=t["successful"], failed=t["errored"] + t["incomplete"], seconds=b["duration"],
                ttft=s("time_to_first_token_ms"), itl=s("inter_token_latency_ms"))


def aiperf(d):
    m = load(os.path.join(d, "profile_export_aiperf.json"))
    errors = m.get("error_request_count", {}).get("avg", 0) or 0
    return dict(completed=int(m["request_count"]["avg"]), failed=int(errors), seconds=m["benchmark_duration"]["avg"],
                ttft=(m["time_to_first_token"]["p50"], m["time_to_first_token"]["p99"]),
                itl=(m["inter_token_latency"]["p50"], m["inter_token_latency"]["p99"]))


def inference_perf(d):
    m = load(os.path.join(d, "report", "stage_0_lifecycle_metrics.json"))
    lat = m["successes"]["latency"]
    ms = lambda k: (lat[k]["median"] * 1000, lat[k]["p99"] * 1000)
    return dict(completed=m["successes"]["count"], failed=m["failures"]["count"], seconds=m["benchmark_time_seconds"],
                ttft=ms("time_to_first_token"), itl=ms("inter_token_latency"))


READERS = {"llmload": llmload, "locust": locust, "guidellm": guidellm, "aiperf": aiperf, "inference-perf": inference_perf}


def cpu(d):
    try:
        user, sys_, wall = open(os.path.join(d, "time.txt")).read().split()[-3:]
        return float(user) + float(sys_), float(wall)
    except (OSError, ValueError):
        return None, None


def read(case, tool):
    d = os.path.join(out, case, tool)
    status_file = os.path.join(out, tool + ".status")
    if os.path.exists(status_file):
        return dict(error=open(status_file).read().strip())
    if not os.path.isdir(d):
        return None
    row = dict(cpu=None, wall=None)
    row["cpu"], row["wall"] = cpu(d)
    try:
        row.update(READERS[tool](d))
    except Exception as e:  # the tool wrote no usable report: say what it did
        code = open(os.path.join(d, "exit.txt")).read().strip() if os.path.exists(os.path.join(d, "exit.txt")) else "?"
        last = ""
        if os.path.exists(os.path.join(d, "stdout.txt")):
            lines = [l.strip() for l in open(os.path.join(d, "stdout.txt"), errors="replace") if l.strip()]
            last = lines[-1][:160] if lines else ""
        row["error"] = f"no report ({type(e).__name__}: {e}); exit {code}; last output: {last}"
        return row
    if row.get("cpu"):
        row["per_cpu_second"] = row["completed"] / row["cpu"]
    if row.get("seconds"):
        row["rate"] = row["completed"] / row["seconds"]
    return row


def fmt(v, digits=1):
    return "-" if v is None else f"{v:,.{digits}f}"


cases = sorted(c for c in os.listdir(out) if c.startswith("nginx-c"))
tools = ["llmload", "locust", "guidellm", "aiperf", "inference-perf"]
results = {"efficiency": {}, "accuracy": {}}
md = ["# Peer benchmark results", "", "Command: `" + open(os.path.join(out, "command.txt")).read().strip() + "`", ""]
for name in ("version-locust.txt", "version-guidellm.txt", "version-aiperf.txt", "version-inference-perf.txt"):
    p = os.path.join(out, name)
    if os.path.exists(p):
        md.append(f"- {name[8:-4]} {open(p).read().strip()}")
md.append("")
for case in cases:
    md += [f"## Canned stream on nginx, {case[7:]} concurrent streams, tool pinned to one core", "",
           "| tool | completed | failed | CPU s | requests / CPU-second | req/s on one core | x best peer |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    rows = {t: read(case, t) for t in tools}
    results["efficiency"][case] = rows
    peers = [r.get("per_cpu_second") for t, r in rows.items() if t != "llmload" and r and r.get("per_cpu_second")]
    best = max(peers) if peers else None
    for t in tools:
        r = rows[t]
        if r is None:
            continue
        if "completed" not in r:
            md.append(f"| {t} | {r.get('error')} | | | | | |")
            continue
        ratio = r["per_cpu_second"] / best if best and r.get("per_cpu_second") else None
        md.append(f"| {t} | {r['completed']:,} | {r['failed']:,} | {fmt(r['cpu'], 2)} | {fmt(r.get('per_cpu_second'), 0)}"
                  f" | {fmt(r.get('rate'), 0)} | {fmt(ratio, 2)} |")
    md.append("")
md += ["## Accuracy against the simulator's ground truth", "",
       "| tool | streams | TTFT p50 / p99 ms (tool) | TTFT p50 / p99 ms (truth) | ITL p50 / p99 ms (tool) | "
       "ITL p50 / p99 ms (truth) |", "| --- | --- | --- | --- | --- | --- |"]
for t in tools:
    r = read("sim", t)
    if r is None:
        continue
    truth_path = os.path.join(out, "sim", t, "truth.json")
    truth = load(truth_path) if os.path.exists(truth_path) else None
    results["accuracy"][t] = dict(tool=r, truth=truth)
    tt = lambda k: "-" if not truth or not truth.get(k) else f"{truth[k]['p50']:.2f} / {truth[k]['p99']:.2f}"
    if "completed" not in r:
        md.append(f"| {t} | {r.get('error')} | | {tt('ttftMs')} | | {tt('itlMs')} |")
        continue
    pair = lambda p: "-" if p is None or p[0] is None else f"{p[0]:.2f} / {p[1]:.2f}"
    md.append(f"| {t} | {r['completed']:,} | {pair(r['ttft'])} | {tt('ttftMs')} | {pair(r['itl'])} | {tt('itlMs')} |")
md.append("")
open(os.path.join(out, "results.md"), "w").write("\n".join(md))
json.dump(results, open(os.path.join(out, "results.json"), "w"), indent=2, default=str)
print("\n".join(md))
