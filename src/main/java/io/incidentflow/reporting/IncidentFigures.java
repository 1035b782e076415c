package io.incidentflow.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What the incident report answers (README, "Reports", defines each figure). */
final class IncidentFigures {

  private IncidentFigures() {}

  /**
   * @param service null: every service
   * @param severity null: every severity
   * @param groups one per service and severity that had incidents in the period, by service then severity
   * @param total all incidents of the report together (percentiles over all of them, not over the groups)
   */
  record Report(Instant from, Instant to, String service, String severity, String currency, List<Figures> groups,
      Figures total) {}

  /**
   * @param mtta open to first acknowledgement, over the incidents acknowledged
   * @param notAcknowledged incidents never acknowledged: left out of {@code mtta}
   * @param mttr open to resolved, over the incidents resolved
   * @param unresolved incidents not resolved: left out of {@code mttr} and of the downtime
   * @param timeToMitigate open to the fallback applied or to resolution, whichever came first
   * @param notMitigated incidents with neither: left out of {@code timeToMitigate}
   * @param downtimeCost null when the service has no cost per minute (a total: of the services that have one)
   * @param actionItems the action items of the incidents' reviews
   */
  record Figures(String service, String severity, int incidents, Stat mtta, int notAcknowledged, Stat mttr,
      int unresolved, Stat timeToMitigate, int notMitigated, BigDecimal downtimeMinutes, BigDecimal downtimeCost,
      List<SlaStep> sla, ActionItems actionItems) {}

  /**
   * The action items the reviews of the incidents raised (post-incident review).
   *
   * @param open not done nor dropped yet
   * @param overdue of the open ones, those past their due time now
   * @param closedLate done or dropped after their due time
   */
  record ActionItems(long total, long open, long overdue, long closedLate) {}

  /** @param count incidents the figure is over; mean and p90 null when none */
  record Stat(int count, BigDecimal meanSeconds, Long p90Seconds) {

    static Stat of(long[] seconds) {
      return new Stat(seconds.length, ReportMath.mean(seconds), ReportMath.p90(seconds));
    }
  }

  /**
   * The SLA clocks of one step (acknowledge, scope, resolve, …) of the incidents.
   *
   * @param met stopped within the target
   * @param breached stopped after it or breached, or running past it
   * @param open still running within the target, or paused
   */
  record SlaStep(String clock, long met, long breached, long open) {}
}
