package io.incidentflow.sla;

/**
 * Where an SLA clock stands, as the SLA escalation model (processes/sla-escalation.bpmn) routes on it: its
 * gateway reads the phase after every wait, so a pause, a resume or a new target moves the escalation without
 * moving any timer.
 */
public enum SlaPhase {
  /** Stopped: the task or phase it measured has ended. */
  STOPPED,
  /** Paused: waiting on a customer or vendor; nothing counts. */
  PAUSED,
  /** Running, the reminder point (75 %) not reached. */
  BEFORE_WARNING,
  /** The reminder point passed, nobody reminded yet. */
  WARNING_DUE,
  /** Reminded, the target not passed. */
  WARNED,
  /** The target passed, the incident managers not told yet. */
  BREACH_DUE,
  /** Breached and told; the managers are told if it lasts. */
  BREACHED,
  /** Breached for longer than the severity allows, the managers not told yet. */
  CLIMB_DUE,
  /** The managers were told; nothing more happens until the clock stops. */
  CLIMBED
}
