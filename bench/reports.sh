#!/usr/bin/env bash
# The reports benchmark (see BENCHMARKS.md): the incident report over 10,000, 30,000 and 100,000 finished incidents
# with their Camunda history (four real incidents cloned in SQL), in-process and over HTTP, against reading the
# same incident rows alone; the history's weight per incident. Embedded PostgreSQL, about 10 minutes.
# Results: stdout and target/bench/reports.md. Extra arguments go to Maven.
# A short run that only checks that it works:
#   bench/reports.sh -Dreports.bench.sizes=1000,3000 -Dreports.bench.runs=2 -Dreports.bench.warmup=1
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark.lib.sh
run_benchmark ReportsBenchmark "$@"
