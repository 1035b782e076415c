#!/usr/bin/env bash
# The reroute benchmark: "cannot resolve" -> users on backup, end to end through the engine, next to the raw
# HAProxy socket commands and one minimal engine transaction (embedded PostgreSQL + a real HAProxy, ~1-2 min).
# Runs only RerouteBenchmark (no unit or integration tests); results: stdout and target/bench/reroute.md.
# Extra arguments go to Maven: -Dreroute.bench.probes=false, or for a short check run
# -Dreroute.bench.warmup=10 -Dreroute.bench.iterations=20.
set -euo pipefail
cd "$(dirname "$0")/.."
# -DargLine= : the benchmark JVM runs with the JVM's defaults (both JIT tiers, G1), as production does, not
# with the tests' quick-start flags from pom.xml; an argLine given to this script still wins.
mvn -B -q verify -DargLine= -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=RerouteBenchmark -Dit.failIfNoSpecifiedTests=false "$@"
cat target/bench/reroute.md
