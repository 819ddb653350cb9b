#!/usr/bin/env bash
# The floor under the engine's event-loop lag: how late this machine runs a 5 ms timer handed from one thread to
# another blocked in select() (the engine's probe path) when nothing else is done
# (runner/src/test/java/io/llmload/runner/bench/LagFloorBench.java).
# Usage: bench/lag-floor.sh [seconds]   (default 30)
# Pinned to one core (BENCH_ENGINE_CPUS, default 1) like bench/engine.sh; BENCH_PIN=0 runs it unpinned.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl runner test-compile >/dev/null
. bench/engine-cpu.sh
"${pin[@]}" java -Xmx64m ${BENCH_JAVA_OPTS:-} -cp "runner/target/test-classes" io.llmload.runner.bench.LagFloorBench \
  "${1:-30}"
