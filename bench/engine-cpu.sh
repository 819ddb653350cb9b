# Sourced by the engine-side bench scripts (engine.sh, read-floor.sh, lag-floor.sh): sets the array `pin` to the
# prefix that pins a command to the engine's core (BENCH_ENGINE_CPUS, default CPU 1), or to nothing with BENCH_PIN=0.
pin=()
if [ "${BENCH_PIN:-1}" != 0 ]; then
  command -v taskset >/dev/null || { echo "bench/$(basename "$0"): needs taskset (or BENCH_PIN=0)" >&2; exit 2; }
  pin=(taskset -c "${BENCH_ENGINE_CPUS:-1}")
fi
