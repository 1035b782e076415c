package io.incidentflow.sla;

/** The three notices of an SLA clock, in the order sla-escalation.bpmn sends them (its notify tasks' slaLevel). */
public enum SlaNotice {
  /** The reminder point (75 % of the target) passed: the assignee and group. */
  WARNING,
  /** The target passed: the incident managers. */
  BREACH,
  /** Still breached after climbAfter: the managers. */
  CLIMB
}
