package io.incidentflow.incident;

/** Keys and element ids of processes/incident.bpmn and processes/severity-targets.dmn, in one place. */
public final class IncidentProcess {

  public static final String PROCESS_KEY = "incident";
  /** Classifies (severity-targets.dmn); required by {@link #TARGETS_DECISION_KEY}. */
  public static final String SEVERITY_DECISION_KEY = "incident-classification";
  /** Severity and targets in one table, for incidents started on incident.bpmn 1.0 (incident-severity.dmn). */
  public static final String LEGACY_SEVERITY_DECISION_KEY = "incident-severity";
  /** Target times and handling per severity; requires the severity decision (same file). */
  public static final String TARGETS_DECISION_KEY = "severity-targets";

  public static final String START_INCIDENT_REPORTED = "StartEvent_IncidentReported";
  /** Alert intake starts incidents here: registration then runs as a job, not in the intake's transaction. */
  public static final String START_ALERT_RECEIVED = "StartEvent_AlertReceived";
  public static final String MESSAGE_ALERT_RECEIVED = "AlertReceived";
  public static final String END_INCIDENT_CLOSED = "EndEvent_IncidentClosed";

  // Identify
  public static final String TASK_REGISTER_INCIDENT = "Task_RegisterIncident";
  public static final String TASK_CLASSIFY_INCIDENT = "Task_ClassifyIncident";
  // Identify: page (page-responders.bpmn) while the Acknowledge task waits; acknowledging ends the paging.
  public static final String SUBPROCESS_IDENTIFY = "SubProcess_Identify";
  public static final String CALL_PAGE_RESPONDERS = "CallActivity_PageResponders";
  public static final String END_ACKNOWLEDGED = "EndEvent_Acknowledged";
  public static final String TASK_ACKNOWLEDGE_INCIDENT = "Task_AcknowledgeIncident";
  public static final String TIMER_ACKNOWLEDGE_SLA = "Timer_AcknowledgeSla";
  public static final String TASK_ESCALATE_ACKNOWLEDGE_SLA = "Task_EscalateAcknowledgeSla";
  public static final String END_ACKNOWLEDGE_SLA_ESCALATED = "EndEvent_AcknowledgeSlaEscalated";

  // Scope
  public static final String TASK_SCOPE_INCIDENT = "Task_ScopeIncident";
  public static final String TIMER_SCOPE_SLA = "Timer_ScopeSla";
  public static final String TASK_ESCALATE_SCOPE_SLA = "Task_EscalateScopeSla";
  public static final String TASK_APPLY_CONFIRMED_SEVERITY = "Task_ApplyConfirmedSeverity";
  public static final String TASK_NOTIFY_INCIDENT_CONFIRMED = "Task_NotifyIncidentConfirmed";
  public static final String GATEWAY_TELL_CUSTOMERS_MEANWHILE = "Gateway_TellCustomersMeanwhile";
  public static final String END_CUSTOMERS_TOLD = "EndEvent_CustomersTold";

  // Resolve or fall back
  public static final String SUBPROCESS_RESOLUTION = "SubProcess_Resolution";
  public static final String TASK_RESOLVE_INCIDENT = "Task_ResolveIncident";
  public static final String TIMER_RESOLVE_SLA = "Timer_ResolveSla";
  public static final String TIMER_RESOLVE_SLA_REMINDER = "Timer_ResolveSlaReminder";
  public static final String TASK_WATCH_RESOLVE_SLA = "Task_WatchResolveSla";
  public static final String TASK_WAIT_ON_CUSTOMER_OR_VENDOR = "Task_WaitOnCustomerOrVendor";
  public static final String TIMER_WAITING_SLA = "Timer_WaitingSla";
  public static final String TASK_ESCALATE_WAITING_SLA = "Task_EscalateWaitingSla";
  public static final String TASK_ESCALATE_RESOLVE_SLA = "Task_EscalateResolveSla";
  public static final String TASK_REROUTE_TRAFFIC = "Task_RerouteTraffic";
  public static final String ERROR_REROUTE_NOT_POSSIBLE = "Error_RerouteNotPossible";
  public static final String ERROR_CODE_REROUTE_NOT_POSSIBLE = "REROUTE_NOT_POSSIBLE";
  public static final String BOUNDARY_REROUTE_NOT_POSSIBLE = "BoundaryEvent_RerouteNotPossible";
  public static final String TASK_APPLY_WORKAROUND = "Task_ApplyWorkaround";
  /** Reached when either fallback is in place: the reroute succeeded or the workaround was applied. */
  public static final String GATEWAY_WORKAROUND_READY = "Gateway_WorkaroundReady";
  public static final String TIMER_WORKAROUND_SLA = "Timer_WorkaroundSla";
  public static final String TASK_ESCALATE_WORKAROUND_SLA = "Task_EscalateWorkaroundSla";
  public static final String TASK_NOTIFY_WORKAROUND = "Task_NotifyWorkaround";
  public static final String TASK_WRITE_WORKAROUND_NOTICE = "Task_WriteWorkaroundNotice";
  public static final String END_FALLBACK_ACTIVE = "EndEvent_FallbackActive";
  public static final String END_RESOLVED = "EndEvent_Resolved";

  // Monitoring reports the service recovered (alert intake correlates the message)
  public static final String MESSAGE_MONITORING_RECOVERED = "MonitoringRecovered";
  public static final String BOUNDARY_MONITORING_RECOVERED = "BoundaryEvent_MonitoringRecovered";
  public static final String TASK_CONFIRM_RECOVERY = "Task_ConfirmRecovery";
  public static final String TIMER_CONFIRM_RECOVERY_SLA = "Timer_ConfirmRecoverySla";
  public static final String TASK_ESCALATE_CONFIRM_RECOVERY_SLA = "Task_EscalateConfirmRecoverySla";

  // Communicate
  public static final String START_CUSTOMER_UPDATE_DUE = "StartEvent_CustomerUpdateDue";
  public static final String TASK_WRITE_CUSTOMER_UPDATE = "Task_WriteCustomerUpdate";
  public static final String TASK_APPROVE_CUSTOMER_UPDATE = "Task_ApproveCustomerUpdate";
  public static final String TASK_SEND_CUSTOMER_UPDATE = "Task_SendCustomerUpdate";
  public static final String TASK_RECORD_RESOLUTION = "Task_RecordResolution";
  public static final String TASK_NOTIFY_ALL_CLEAR = "Task_NotifyAllClear";
  public static final String TASK_WRITE_ALL_CLEAR = "Task_WriteAllClear";

  // Fail back after resolution, where users were rerouted
  public static final String TASK_CONFIRM_PRIMARIES_HEALTHY = "Task_ConfirmPrimariesHealthy";
  public static final String TIMER_CONFIRM_PRIMARIES_SLA = "Timer_ConfirmPrimariesSla";
  public static final String TASK_FAIL_BACK_TRAFFIC = "Task_FailBackTraffic";
  public static final String BOUNDARY_FAIL_BACK_FAILED = "Boundary_FailBackFailed";
  public static final String ERROR_CODE_FAIL_BACK_FAILED = "FAIL_BACK_FAILED";
  /** Users left on backup servers or a manual workaround: a technician moves them back. */
  public static final String TASK_FAIL_BACK_MANUALLY = "Task_FailBackManually";

  // Review: post-incident-review.bpmn (review.ReviewProcess), called with the incident id as business key
  public static final String CALL_POST_INCIDENT_REVIEW = "CallActivity_PostIncidentReview";
  /** The process it calls; its tasks are presented and granted like the incident's. */
  public static final String REVIEW_PROCESS_KEY = "post-incident-review";
  /** The review as one task of the incident, up to incident.bpmn 2.0 (and in 1.0). */
  public static final String TASK_HOLD_REVIEW = "Task_HoldReview";
  public static final String TIMER_REVIEW_SLA = "Timer_ReviewSla";
  public static final String TASK_ESCALATE_REVIEW_SLA = "Task_EscalateReviewSla";
  public static final String TASK_CLOSE_INCIDENT = "Task_CloseIncident";

  // Candidate groups that are not taken from the service catalog
  public static final String GROUP_INCIDENT_MANAGERS = "incident-managers";
  public static final String GROUP_TECHNICIANS = "technicians";
  public static final String GROUP_COMMUNICATIONS = "communications";
  public static final String GROUP_MANAGERS = "managers";
  public static final String GROUP_PROCESS_OWNERS = "process-owners";

  // Who acts when no person does: history names it, a group of its own gives it its rights.
  public static final String ACTOR_MONITORING = "monitoring";

  // Values of the resolve form's outcome
  public static final String OUTCOME_RESOLVED = "resolved";
  public static final String OUTCOME_CANNOT_RESOLVE = "cannotResolve";
  /** Waiting on a customer or vendor: the resolve SLA clock pauses until their answer is recorded. */
  public static final String OUTCOME_WAITING = "waiting";

  private IncidentProcess() {}
}
