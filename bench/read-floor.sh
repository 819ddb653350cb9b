#!/usr/bin/env bash
# The floor under an I/O lane's burst at a synchronized decode step: one thread that only reads, with every stream's
# chunk already in the kernel's buffers. Three readers side by side in one run, each pinned to the same core:
#   Java NIO (selector + one read per socket: runner/src/test/java/io/llmload/runner/bench/ReadFloorBench.java),
#   and without the JVM (bench/readfloor, Go, raw system calls): epoll + one read per socket, and io_uring (one
#   receive request per socket, submitted and reaped in batches of 4,096).
# Usage: bench/read-floor.sh [streams] [steps]   (default 5000 streams, 100 steps)
# Pinned to one core (BENCH_ENGINE_CPUS, default 1) like bench/engine.sh; BENCH_PIN=0 runs it unpinned. The Go readers
# need `go` on PATH (skipped with a line saying so otherwise).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
streams="${1:-5000}"
steps="${2:-100}"
./mvnw -B -q -pl runner test-compile >/dev/null
. bench/engine-cpu.sh
"${pin[@]}" java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "runner/target/test-classes" io.llmload.runner.bench.ReadFloorBench \
  "$streams" "$steps"
if ! command -v go >/dev/null; then
  echo "read floor (epoll, uring): skipped, no go on PATH"
  exit 0
fi
readfloor="$root/bench/readfloor/target/readfloor"
(cd bench/readfloor && go build -o "$readfloor" .)
for mode in epoll uring; do
  "${pin[@]}" "$readfloor" -mode "$mode" -streams "$streams" -steps "$steps"
done
