#!/usr/bin/env bash
# Shared by the benchmark scripts: source it, then `run_benchmark CLASS [maven arguments...]`.
# Runs only the benchmark class CLASS (surefire runs nothing; failsafe's -Dit.test overrides its *IT include pattern).

run_benchmark() {
  local class=$1
  shift
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
    -Dit.test="$class" -Dit.failIfNoSpecifiedTests=false "$@"
}
