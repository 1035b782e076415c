#!/usr/bin/env bash
# The paging benchmark (see BENCHMARKS.md): embedded PostgreSQL, the application's job executor and the outbox's
# send-on-enqueue on, a real SMTP server on loopback; about 3 minutes. Alert → first page accepted by SMTP at
# 20 alerts/s (500 incidents) against the same mail sent directly, and level due → next level's page accepted.
# Results: stdout and target/bench/paging.md. Extra arguments go to Maven.
# A short run that only checks that it works:
#   bench/paging.sh -Dpaging.bench.incidents=50 -Dpaging.bench.warmup=20
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark.lib.sh
run_benchmark PagingBenchmark "$@"
