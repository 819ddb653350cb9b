#!/usr/bin/env bash
# Regenerates the screenshots in docs/images/ from real runs on the embedded simulator, rendered by headless
# Chromium (Debian: apt-get install chromium; or set LLMLOAD_CHROMIUM to a browser binary):
#   report-quickstart.png  report.html of examples/quickstart.yaml (report-quickstart-top.png: its first screen)
#   report-step.png        report.html of examples/step.yaml (durations halved)
#   compare.png            compare.html of the prefix-caching recipe in docs/cli.md: prompts sharing nothing (A)
#                          against prompts sharing a 1,900-token prefix (B)
# Takes about 5 minutes. Usage: hack/screenshots.sh [OUT_DIR]   (default docs/images)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/docs/images}")"
browser="${LLMLOAD_CHROMIUM:-chromium}"
command -v "$browser" >/dev/null || { echo "screenshots: $browser not found (apt-get install -y chromium)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# Exit 1 (verdict Breach) still wrote the reports; 2 and 3 are failures.
llmload() {
  local rc=0
  "$root/llmload" "$@" >"$work/last.log" || rc=$?
  if [ "$rc" -gt 1 ]; then cat "$work/last.log" >&2; return "$rc"; fi
}

# A full-width page, cut below its last chart section (the tables stay out of the picture).
shot() { # html png height
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile-$(basename "$2")" \
    --window-size=1400,"$3" --virtual-time-budget=10000 --screenshot="$2" "file://$1" >/dev/null 2>&1
  echo "written: $2"
}

echo "screenshots: running examples/quickstart.yaml (1 min)"
llmload run "$root/examples/quickstart.yaml" --quiet --out "$work/quickstart"
echo "screenshots: running examples/step.yaml at half duration (2 min)"
llmload run "$root/examples/step.yaml" --duration-scale 0.5 --quiet --out "$work/step"

echo "screenshots: running the prefix-caching comparison (2 x 1 min)"
for run in off on; do
  if [ "$run" = on ]; then prompt='inputTokens: {value: 148}, sharedPrefixTokens: 1900'; else prompt='inputTokens: {value: 2049}'; fi
  cat >"$work/prefix-$run.yaml" <<YAML
apiVersion: llmload.io/v1alpha1
kind: LlmLoadTest
metadata:
  name: prefix-$run
spec:
  target:
    simulator: {profile: demo-8b-h100, seed: 5}
  workload:
    seed: 21
    mix:
      - {name: support-chat, api: chat, prompt: {$prompt}, output: {maxTokens: {value: 64}}}
  load:
    model: closed
    warmup: 5s
    stages:
      - {name: light, duration: 20s, users: 8}
      - {name: medium, duration: 20s, users: 32}
      - {name: heavy, duration: 20s, users: 64}
  slo:
    ttft: {p95: 1s}
    e2e: {p99: 5s}
    errorRate: 1%
YAML
  llmload run "$work/prefix-$run.yaml" --quiet --out "$work/prefix-$run"
done
llmload compare "$work/prefix-off" "$work/prefix-on" --quiet --out "$work/compare"

shot "$work/quickstart/report.html" "$out/report-quickstart.png" 5320
shot "$work/quickstart/report.html" "$out/report-quickstart-top.png" 1460
shot "$work/step/report.html" "$out/report-step.png" 4480
shot "$work/compare/compare.html" "$out/compare.png" 4460
