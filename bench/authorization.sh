#!/usr/bin/env bash
# The authorization benchmark (see BENCHMARKS.md): Camunda's authorization checks on against off, for a
# technician's Tasklist query over 10,000 open incidents and for alert intake (with the bare-engine baseline), in
# alternating rounds of one run; embedded PostgreSQL, N = 8 client threads, about 5 minutes.
# Results: stdout and target/bench/authorization.md. Extra arguments go to Maven.
# A short run that only checks that it works:
#   bench/authorization.sh -Dauth.bench.seconds=2 -Dauth.bench.rounds=1 -Dauth.bench.warmup=100 -Dauth.bench.incidents=2000
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark.lib.sh
run_benchmark AuthorizationBenchmark "$@"
