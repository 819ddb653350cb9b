#!/usr/bin/env bash
# Peer benchmark: llmload against GuideLLM, AIPerf, inference-perf and Locust, side by side in one run.
#
#   bench/run.sh [OUT_DIR]          (default bench/results/<timestamp>; env knobs below)
#
# 1. Efficiency: every tool drives the same canned vLLM-style chat stream (bench/canned_stream.py, 64 tokens) served
#    by nginx on loopback, pinned to CPU 0, while the tool is pinned to CPU 1 (taskset). For each concurrency in
#    BENCH_CONCURRENCY the tool runs ~BENCH_SECONDS; its CPU time (user + sys, children included) comes from
#    /usr/bin/time, its completed streamed requests and its duration from its OWN output files. Reported:
#    requests per CPU-second and the request rate it sustained on one core.
# 2. Accuracy: every tool drives `llmload simulate` (demo-8b-h100 profile, CPU 0) with BENCH_SIM_USERS users for
#    BENCH_SIM_SECONDS; the simulator writes its ground truth (--truth-out) on exit; each tool's TTFT/ITL p50/p99 (from
#    its own report) is listed next to it.
#
# The peers are test tools installed from PyPI into virtualenvs under bench/.venv/ by this script; the product
# stays Java. Needs: python3 (and python3.12+ for inference-perf), taskset, /usr/bin/time, nginx-light (installed
# with apt-get when missing). Every load goes to 127.0.0.1 only. A tool that fails to install or run is recorded
# with its error, never estimated. Results: OUT_DIR/results.md and results.json (bench/collect.py).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$here/results/$(date +%Y%m%d-%H%M%S)}"
seconds="${BENCH_SECONDS:-30}"
concurrency="${BENCH_CONCURRENCY:-32 128}"
sim_users="${BENCH_SIM_USERS:-8}"
sim_seconds="${BENCH_SIM_SECONDS:-20}"
tools="${BENCH_TOOLS:-llmload locust guidellm aiperf inference-perf}"
nginx_port="${BENCH_NGINX_PORT:-18080}"
sim_port="${BENCH_SIM_PORT:-18081}"
venvs="$here/.venv"
mkdir -p "$out" "$venvs"
log() { echo "[bench] $*" >&2; }
status() { echo "$1" > "$out/$2.status"; }

# ---- prerequisites -------------------------------------------------------------------------------------------
command -v taskset >/dev/null && [ -x /usr/bin/time ] || { log "needs taskset and /usr/bin/time"; exit 2; }
if ! command -v nginx >/dev/null; then
  log "installing nginx-light"; (apt-get update -qq && apt-get install -y -qq nginx-light) >"$out/apt.log" 2>&1 \
    || { log "nginx-light install failed, see $out/apt.log"; exit 2; }
fi
log "building llmload"; "$root/llmload" --version >/dev/null || exit 2
jar="$root/runner/target/llmload-runner-0.1.0-SNAPSHOT-cli.jar"

venv() { # venv NAME PYTHON PACKAGE
  local dir="$venvs/$1"
  if [ ! -x "$dir/bin/python" ]; then
    "$2" -m venv "$dir" && "$dir/bin/pip" install -q --disable-pip-version-check "$3" >"$out/install-$1.log" 2>&1 \
      || { rm -rf "$dir"; return 1; }
  fi
  "$dir/bin/pip" show "$3" 2>/dev/null | awk '/^Version:/ {print $2}' > "$out/version-$1.txt"
}
# The first interpreter that really runs and is >= 3.12 (a pyenv shim is on PATH even when its version is not the
# selected one, and then fails when called).
py312=""
for candidate in python3.13 python3.12 "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
    py312="$(command -v "$candidate")"; break
  fi
done
for t in $tools; do
  case "$t" in
    locust) venv locust python3 locust || status "install failed (see install-locust.log)" locust ;;
    guidellm) venv guidellm python3 guidellm || status "install failed (see install-guidellm.log)" guidellm ;;
    aiperf) venv aiperf python3 aiperf || status "install failed (see install-aiperf.log)" aiperf ;;
    inference-perf)
      if [ -z "$py312" ]; then status "not installed: inference-perf needs Python >= 3.12, none found" inference-perf
      else venv inference-perf "$py312" inference-perf || status "install failed (see install-inference-perf.log)" inference-perf; fi ;;
  esac
done

# AIPerf's "builtin" tokenizer is tiktoken's o200k_base, which tiktoken downloads on first use. The same file (same
# SHA-256 that tiktoken checks) ships inside jtokkit, llmload's tokenizer dependency: put it in tiktoken's cache.
tk_cache="$venvs/tiktoken-cache"; mkdir -p "$tk_cache"
jtokkit="$(find "${HOME}/.m2/repository/com/knuddels/jtokkit" -name 'jtokkit-*.jar' 2>/dev/null | head -1)"
if [ -n "$jtokkit" ]; then
  key="$(python3 -c 'import hashlib;print(hashlib.sha1(b"https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken").hexdigest())')"
  unzip -p "$jtokkit" com/knuddels/jtokkit/o200k_base.tiktoken > "$tk_cache/$key"
fi
# inference-perf loads a Hugging Face tokenizer (Hub by default): give it a small local one.
[ -x "$venvs/inference-perf/bin/python" ] && "$venvs/inference-perf/bin/python" "$here/make_tokenizer.py" "$venvs/tokenizer" >/dev/null 2>&1

# ---- the canned stream on nginx (CPU 0) ----------------------------------------------------------------------
www="$out/nginx"; mkdir -p "$www/www"
python3 "$here/canned_stream.py" "$www/www/stream.sse" 64
echo '{"object":"list","data":[{"id":"llmload-sim","object":"model","owned_by":"llmload"}]}' > "$www/www/models.json"
sed -e "s|@DIR@|$www|g" -e "s|@PORT@|$nginx_port|g" "$here/nginx.conf.template" > "$www/nginx.conf"
taskset -c 0 nginx -c "$www/nginx.conf" -p "$www" & nginx_pid=$!
sim_pid=""
cleanup() { kill "$nginx_pid" 2>/dev/null; [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT
sleep 1
curl -sf -X POST -d '{}' "http://127.0.0.1:$nginx_port/v1/chat/completions" | tail -c 20 | grep -q DONE \
  || { log "nginx does not serve the canned stream"; exit 2; }
# Prompts for tools that read a file (GuideLLM uses each row once: enough rows for any run).
python3 -c "
import json
with open('$out/prompts.jsonl', 'w') as f:
    for i in range(60000): f.write(json.dumps({'prompt': ('word ' * 128).strip() + ' %d' % i, 'output_tokens_count': 64}) + '\n')"

# ---- one tool run --------------------------------------------------------------------------------------------
# run TOOL CASE URL USERS SECONDS: runs TOOL pinned to CPU 1, output in OUT/CASE/TOOL, CPU times in .../time.txt
run() {
  local tool="$1" case="$2" url="$3" users="$4" secs="$5" dir="$out/$2/$1"
  mkdir -p "$dir"
  log "$case: $tool ($users users, ${secs}s)"
  local timed=(taskset -c 1 /usr/bin/time -f "%U %S %e" -o "$dir/time.txt")
  case "$tool" in
    llmload)
      sed -e "s|@URL@|$url|; s|@USERS@|$users|; s|@SECONDS@|$secs|" "$here/llmload-closed.yaml.template" > "$dir/test.yaml"
      "${timed[@]}" java -jar "$jar" run "$dir/test.yaml" --out "$dir" ;;
    locust)
      "${timed[@]}" "$venvs/locust/bin/locust" -f "$here/locustfile.py" --headless -u "$users" -r "$users" \
        -t "${secs}s" --host "$url" --csv "$dir/locust" --only-summary ;;
    guidellm)
      "${timed[@]}" "$venvs/guidellm/bin/guidellm" run \
        --backend "kind=openai_http,target=$url,model=llmload-sim" --profile "kind=concurrent,streams=$users" \
        --constraint "kind=max_duration,seconds=$secs" --data "kind=json_file,path=$out/prompts.jsonl" \
        --output "kind=json,path=$dir/benchmarks.json" --disable-progress ;;
    aiperf)
      TIKTOKEN_CACHE_DIR="$tk_cache" "${timed[@]}" "$venvs/aiperf/bin/aiperf" profile --model llmload-sim \
        --url "$url" --endpoint-type chat --streaming --concurrency "$users" --benchmark-duration "$secs" \
        --tokenizer builtin --ui-type none --output-artifact-dir "$dir" --synthetic-input-tokens-mean 128 \
        --output-tokens-mean 64 --extra-inputs ignore_eos:true ;;
    inference-perf)
      # Its concurrent load type takes a request count, not a duration: about BENCH_SECONDS at the rate it reached
      # here on one core (~300 req/s on the canned stream; ~2 req/s per user on the simulator's 64-token streams).
      local n=$(( secs * 300 ))
      [ "$case" = sim ] && n=$(( users * secs * 2 ))
      cat > "$dir/config.yaml" <<EOF
api: {type: chat, streaming: true}
data: {type: mock}
load: {type: concurrent, num_workers: 1, stages: [{num_requests: $n, concurrency_level: $users}]}
server: {type: vllm, model_name: llmload-sim, base_url: "$url", ignore_eos: true}
storage: {local_storage: {path: "$dir/report"}}
tokenizer: {pretrained_model_name_or_path: "$venvs/tokenizer"}
EOF
      HF_HUB_OFFLINE=1 "${timed[@]}" "$venvs/inference-perf/bin/inference-perf" --config_file "$dir/config.yaml" ;;
  esac > "$dir/stdout.txt" 2>&1
  echo $? > "$dir/exit.txt"
}

runnable() { [ ! -f "$out/$1.status" ]; }

for users in $concurrency; do
  for t in $tools; do runnable "$t" && run "$t" "nginx-c$users" "http://127.0.0.1:$nginx_port" "$users" "$seconds"; done
done

for t in $tools; do
  runnable "$t" || continue
  taskset -c 0 java -jar "$jar" simulate --port "$sim_port" --truth-out "$out/sim/$t/truth.json" \
    > "$out/sim-$t.log" 2>&1 & sim_pid=$!
  mkdir -p "$out/sim/$t"
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$sim_port/health" >/dev/null && break; sleep 0.5; done
  run "$t" sim "http://127.0.0.1:$sim_port" "$sim_users" "$sim_seconds"
  kill -TERM "$sim_pid"; wait "$sim_pid" 2>/dev/null; sim_pid=""
done

echo "bench/run.sh $*  (BENCH_SECONDS=$seconds BENCH_CONCURRENCY='$concurrency' BENCH_SIM_USERS=$sim_users" \
  "BENCH_SIM_SECONDS=$sim_seconds BENCH_TOOLS='$tools')" > "$out/command.txt"
nproc > "$out/nproc.txt"; uptime > "$out/uptime.txt"
python3 "$here/collect.py" "$out"
log "results: $out/results.md"
