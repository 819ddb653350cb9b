#!/usr/bin/env bash
# The engine's own performance: open model at 1,000 and 2,000 req/s and 10,000 concurrent streams in one runner,
# against the simulator in a second JVM (see runner/src/test/java/io/llmload/runner/bench/EngineBench.java).
# Usage: bench/engine.sh [scenario...]   (default: open-1000 open-2000 streams-10000; also open-RATE, sim-open-RATE,
# streams-N and streams-N-spread: streams paced each on its own phase instead of synchronized decode steps)
# Pinned like bench/run.sh: the server's JVM on CPU 0 (BENCH_SERVER_CPUS), the engine's JVM on CPU 1
# (BENCH_ENGINE_CPUS), so neither takes the other's core; BENCH_PIN=0 runs both unpinned (as before 2026-12-03).
# Extra JVM options for the engine's JVM: BENCH_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=/tmp/engine.jfr),
# for the server's: BENCH_SIM_JAVA_OPTS. -Dllmload.bench.hold=SECONDS in BENCH_JAVA_OPTS shortens the measured stage
# of the streams scenarios while iterating (the standard is 30); -Dllmload.bench.warmup=SECONDS sets the open scenarios'
# warmup (the standard is 20: the JIT's compilations must be over before the measured stage).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl runner test-compile dependency:build-classpath -Dmdep.outputFile="$root/runner/target/bench.classpath" \
  -Dmdep.includeScope=test >/dev/null
cp="runner/target/classes:runner/target/test-classes:$(cat runner/target/bench.classpath)"
scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(open-1000 open-2000 streams-10000)
. bench/engine-cpu.sh
if [ ${#pin[@]} -gt 0 ]; then
  # EngineBench starts the server's JVM itself, under this prefix.
  export BENCH_SERVER_PIN="taskset -c ${BENCH_SERVER_CPUS:-0}"
fi
for s in "${scenarios[@]}"; do
  "${pin[@]}" java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" io.llmload.runner.bench.EngineBench "$s"
done
