package io.incidentflow.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * One SLA clock of an incident: the time to acknowledge, to scope, to resolve the incident as a whole…, counted
 * in a business calendar. A clock starts once and never resets: a task that comes back (the resolve loop) reads
 * the clock it already has. Paused time does not count.
 *
 * @param clock its name in the model: {@code acknowledge}, {@code resolve}, …
 * @param target the ISO 8601 target from severity-targets.dmn
 * @param calendar the business calendar it counts in ({@code 24x7} for round the clock)
 * @param climbAfter how long a breach may last before the managers are told
 * @param pausedBusinessTime working time that passed while paused, not counted
 * @param climbAt when the managers are told, set when the breach is escalated
 */
public record SlaClock(
    long id, String incidentId, String clock, String target, String calendar, String climbAfter,
    Instant startedAt, Instant dueAt, Instant warnAt, Instant pausedAt, Duration pausedBusinessTime,
    Instant warnedAt, Instant breachedAt, Instant climbAt, Instant climbedAt, Instant stoppedAt, boolean watched) {

  /** What a service desk reads: running, paused, warned, breached while open; met or missed once stopped. */
  public enum State { RUNNING, PAUSED, WARNED, BREACHED, MET, MISSED }

  public SlaPhase phase(Instant now) {
    if (stoppedAt != null) {
      return SlaPhase.STOPPED;
    }
    if (pausedAt != null) {
      return SlaPhase.PAUSED;
    }
    if (now.isBefore(warnAt)) {
      return SlaPhase.BEFORE_WARNING;
    }
    if (now.isBefore(dueAt)) {
      return warnedAt == null ? SlaPhase.WARNING_DUE : SlaPhase.WARNED;
    }
    if (breachedAt == null) {
      return SlaPhase.BREACH_DUE;
    }
    if (climbedAt != null) {
      return SlaPhase.CLIMBED;
    }
    return now.isBefore(climbAt) ? SlaPhase.BREACHED : SlaPhase.CLIMB_DUE;
  }

  public State state(Instant now) {
    if (stoppedAt != null) {
      return stoppedAt.isAfter(dueAt) || breachedAt != null ? State.MISSED : State.MET;
    }
    if (pausedAt != null) {
      return State.PAUSED;
    }
    if (!now.isBefore(dueAt)) {
      return State.BREACHED;
    }
    return warnedAt != null ? State.WARNED : State.RUNNING;
  }
}
