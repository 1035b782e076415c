package io.incidentflow.sla;

/** Keys, ids and variables of processes/sla-escalation.bpmn, in one place. */
public final class SlaEscalationProcess {

  public static final String PROCESS_KEY = "sla-escalation";

  /** Correlated to a clock's escalation when the clock stops or resumes (by business key and clock id). */
  public static final String MESSAGE_CLOCK_STOPPED = "SlaClockStopped";
  public static final String MESSAGE_CLOCK_RESUMED = "SlaClockResumed";

  public static final String GATEWAY_WHERE_IS_THE_CLOCK = "Gateway_WhereIsTheClock";
  /** Event-based gateways: where an escalation waits (for a timer, or the clock stopping or resuming). */
  public static final String GATEWAY_UNTIL_REMINDER = "Gateway_UntilReminder";
  public static final String GATEWAY_UNTIL_TARGET = "Gateway_UntilTarget";
  public static final String GATEWAY_UNTIL_CLIMB = "Gateway_UntilClimb";
  public static final String GATEWAY_WHILE_PAUSED = "Gateway_WhilePaused";
  public static final String TIMER_REMINDER_DUE = "Timer_ReminderDue";
  public static final String TIMER_TARGET_PASSED = "Timer_TargetPassed";
  public static final String TIMER_STILL_BREACHED = "Timer_StillBreached";
  public static final String TASK_REMIND_RESPONDERS = "Task_RemindResponders";
  public static final String TASK_TELL_INCIDENT_MANAGERS = "Task_TellIncidentManagers";
  public static final String TASK_TELL_MANAGERS = "Task_TellManagers";
  public static final String END_CLOCK_STOPPED = "EndEvent_ClockStopped";
  public static final String END_MANAGERS_TOLD = "EndEvent_ManagersTold";

  // Variables of an escalation instance (set when it starts; business key: the incident id)
  public static final String VAR_CLOCK_ID = "slaClockId";
  public static final String VAR_CLOCK = "slaClock";
  /** The incident instance whose task is late, to find its assignee and candidate groups. */
  public static final String VAR_INCIDENT_INSTANCE_ID = "incidentInstanceId";
  // Local inputs of the three notify tasks
  public static final String VAR_LEVEL = "slaLevel";
  public static final String VAR_RECIPIENTS = "recipients";
  /** Who is told when nobody of {@link #VAR_RECIPIENTS} can be reached (optional). */
  public static final String VAR_FALLBACK_RECIPIENTS = "fallbackRecipients";

  private SlaEscalationProcess() {}
}
