#!/usr/bin/env bash
# The authorization benchmark (see BENCHMARKS.md): Camunda's authorization checks on against off, for a
# technician's Tasklist query over 10,000 open incidents and for alert intake (with the bare-engine baseline), in
# alternating rounds of one run; embedded PostgreSQL, N = 8 client threads, about 5 minutes.
# Runs only AuthorizationBenchmark (surefire runs nothing; failsafe's -Dit.test overrides its *IT include pattern).
# Results: stdout and target/bench/authorization.md. Extra arguments go to Maven.
# A short run that only checks that it works:
#   bench/authorization.sh -Dauth.bench.seconds=2 -Dauth.bench.rounds=1 -Dauth.bench.warmup=100 -Dauth.bench.incidents=2000
set -euo pipefail
cd "$(dirname "$0")/.."

# A benchmark on a 2-core machine is only as good as the idle cores it gets: warn if something else is busy.
if [[ -r /proc/stat ]]; then
  read -r idle1 total1 < <(awk '/^cpu /{print $5+$6, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  sleep 2
  read -r idle2 total2 < <(awk '/^cpu /{print $5+$6, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  busy=$(( 100 - 100 * (idle2 - idle1) / (total2 - total1) ))
  if (( busy > 10 )); then
    echo "WARNING: the machine is ${busy}% busy before the benchmark starts; figures will be low." \
      "Check the 'other processes' CPU column of the results." >&2
  fi
fi

# -DargLine= : the benchmark JVM runs with the JVM's defaults (both JIT tiers, G1), as production does, not
# with the tests' quick-start flags from pom.xml; an argLine given to this script still wins.
mvn -B -q verify -DargLine= -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=AuthorizationBenchmark -Dit.failIfNoSpecifiedTests=false "$@"
