#!/usr/bin/env bash
# The reroute benchmark: "cannot resolve" -> users on backup, end to end through the engine, next to the raw
# HAProxy socket commands and one minimal engine transaction (embedded PostgreSQL + a real HAProxy, ~1-2 min).
# Runs only RerouteBenchmark (no unit or integration tests); results: stdout and target/bench/reroute.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=RerouteBenchmark -Dit.failIfNoSpecifiedTests=false "$@"
cat target/bench/reroute.md
