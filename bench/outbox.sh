#!/usr/bin/env bash
# The customer-mail benchmark: 10,000 affected customers, one notice, to a local SMTP server (GreenMail on
# 127.0.0.1), next to a raw single-connection Jakarta Mail loop sending the same 10,000 mails; peak heap per phase.
# Embedded PostgreSQL, a warm-up round and 3 measured rounds (about 2-3 minutes).
# Runs only OutboxBenchmark (surefire runs nothing; failsafe's -Dit.test overrides its *IT include pattern).
# Results: stdout and target/bench/outbox.md. Extra arguments go to Maven, e.g. -Doutbox.bench.probes=false, or
# -Doutbox.bench.rounds=1 for a shorter run that only checks that it works.
set -euo pipefail
cd "$(dirname "$0")/.."
# -DargLine= : the benchmark JVM runs with the JVM's defaults (both JIT tiers, G1), as production does, not
# with the tests' quick-start flags from pom.xml; an argLine given to this script still wins.
mvn -B -q verify -DargLine= -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OutboxBenchmark -Dit.failIfNoSpecifiedTests=false "$@"
cat target/bench/outbox.md
