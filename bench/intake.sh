#!/usr/bin/env bash
# The alert-intake benchmark (see BENCHMARKS.md): embedded PostgreSQL, N = 8 client threads, about 2.5 minutes.
# Runs only IntakeBenchmark (surefire runs nothing; failsafe's -Dit.test overrides its *IT include pattern).
# Results: stdout and target/bench/intake.md. Extra arguments go to Maven, e.g. a JFR profile:
#   bench/intake.sh "-DargLine=-XX:StartFlightRecording=filename=/tmp/intake.jfr,settings=profile"
# A short run that only checks that it works: bench/intake.sh -Dintake.bench.seconds=2 -Dintake.bench.warmup=100
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
  -Dit.test=IntakeBenchmark -Dit.failIfNoSpecifiedTests=false "$@"
