#!/usr/bin/env bash
# What live Prometheus metrics add to the engine's recording of a finished request: the same traces recorded into the
# MetricsCollector alone and into the collector plus LiveMetrics, side by side in one JVM
# (runner/src/test/java/io/llmload/runner/bench/LiveMetricsBench.java).
# Usage: bench/live-metrics.sh [TOKENS_PER_STREAM...]   (default: 16 100)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl runner test-compile dependency:build-classpath -Dmdep.outputFile="$root/runner/target/bench.classpath" \
  -Dmdep.includeScope=test >/dev/null
cp="runner/target/classes:runner/target/test-classes:$(cat runner/target/bench.classpath)"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(16 100)
for n in "${sizes[@]}"; do
  java -Xmx1g -cp "$cp" io.llmload.runner.bench.LiveMetricsBench "$n"
done
