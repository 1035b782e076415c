#!/usr/bin/env bash
# The SLA calendar benchmark (see BENCHMARKS.md): incidents opened per second with their targets counted in the
# business-hours calendar against 24x7, in alternating rounds of one run; embedded PostgreSQL, 8 client threads,
# about 2 minutes. Results: stdout and target/bench/sla.md. Extra arguments go to Maven.
# A short run that only checks that it works:
#   bench/sla.sh -Dsla.bench.seconds=2 -Dsla.bench.rounds=1 -Dsla.bench.warmup=100
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark.lib.sh
run_benchmark SlaCalendarBenchmark "$@"
