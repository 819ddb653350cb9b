#!/usr/bin/env bash
# The engine's own performance: open model at 1,000 and 2,000 req/s and 10,000 concurrent streams in one runner,
# against the simulator in a second JVM (see runner/src/test/java/io/llmload/runner/bench/EngineBench.java).
# Usage: bench/engine.sh [scenario...]   (default: open-1000 open-2000 streams-10000)
# Extra JVM options for the engine's JVM: BENCH_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=/tmp/engine.jfr)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl runner test-compile dependency:build-classpath -Dmdep.outputFile="$root/runner/target/bench.classpath" \
  -Dmdep.includeScope=test >/dev/null
cp="runner/target/classes:runner/target/test-classes:$(cat runner/target/bench.classpath)"
scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(open-1000 open-2000 streams-10000)
for s in "${scenarios[@]}"; do
  java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" io.llmload.runner.bench.EngineBench "$s"
done
