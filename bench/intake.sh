#!/usr/bin/env bash
# The alert-intake benchmark (see BENCHMARKS.md): embedded PostgreSQL, N = 8 client threads, about 2.5 minutes.
# Results: stdout and target/bench/intake.md. Extra arguments go to Maven, e.g. a JFR profile:
#   bench/intake.sh "-DargLine=-XX:StartFlightRecording=filename=/tmp/intake.jfr,settings=profile"
# A short run that only checks that it works: bench/intake.sh -Dintake.bench.seconds=2 -Dintake.bench.warmup=100
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/benchmark.lib.sh
run_benchmark IntakeBenchmark "$@"
