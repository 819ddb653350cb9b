#!/usr/bin/env bash
# The floor under an I/O lane's burst at a synchronized decode step: one thread that only selects and reads, with
# every stream's chunk already in the kernel's buffers (see runner/src/test/java/io/llmload/runner/bench/
# ReadFloorBench.java). Usage: bench/read-floor.sh [streams] [steps]   (default 5000 streams, 100 steps)
# Pinned to one core (BENCH_ENGINE_CPUS, default 1) like bench/engine.sh; BENCH_PIN=0 runs it unpinned.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl runner test-compile dependency:build-classpath -Dmdep.outputFile="$root/runner/target/bench.classpath" \
  -Dmdep.includeScope=test >/dev/null
pin=()
if [ "${BENCH_PIN:-1}" != 0 ]; then
  command -v taskset >/dev/null || { echo "bench/read-floor.sh: needs taskset (or BENCH_PIN=0)" >&2; exit 2; }
  pin=(taskset -c "${BENCH_ENGINE_CPUS:-1}")
fi
"${pin[@]}" java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "runner/target/test-classes" io.llmload.runner.bench.ReadFloorBench "$@"
