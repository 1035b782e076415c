package io.incidentflow.reporting;

import java.time.Instant;

/**
 * Which incidents a report covers: those opened in [from, to).
 *
 * @param service null: every service
 * @param severity null: every severity
 */
record ReportFilter(Instant from, Instant to, String service, String severity) {}
