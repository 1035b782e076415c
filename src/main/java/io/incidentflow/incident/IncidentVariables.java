package io.incidentflow.incident;

/** Process variable names of the incident process, as they appear in Cockpit and in the forms. */
public final class IncidentVariables {

  // Reported (start form, alert intake)
  public static final String INCIDENT_ID = "incidentId";
  public static final String SERVICE_ID = "serviceId";
  public static final String TITLE = "title";
  public static final String DESCRIPTION = "description";
  public static final String CUSTOMER_IMPACT = "customerImpact";
  public static final String REPORTED_SEVERITY = "reportedSeverity";
  public static final String REPORTER = "reporter";

  // From the service catalog
  public static final String SERVICE_NAME = "serviceName";
  public static final String SERVICE_TIER = "serviceTier";
  public static final String TECHNICIAN_GROUP = "technicianGroup";
  public static final String RUNBOOK = "runbook";

  // From the severity decision (severity-targets.dmn: incident-classification)
  public static final String SEVERITY = "severity";
  /** What the decision last classified: a scope that leaves the severity as classified re-classifies it. */
  public static final String CLASSIFIED_SEVERITY = "classifiedSeverity";

  // From the targets of that severity (severity-targets.dmn: severity-targets)
  public static final String ACKNOWLEDGE_TARGET = "acknowledgeTarget";
  public static final String SCOPE_TARGET = "scopeTarget";
  public static final String RESOLVE_TARGET = "resolveTarget";
  /** Time to mitigate: the workaround applied. */
  public static final String WORKAROUND_TARGET = "workaroundTarget";
  /** Confirming recovery or healthy primaries. */
  public static final String CONFIRM_TARGET = "confirmTarget";
  /** An incident manager approving a customer update. */
  public static final String APPROVE_TARGET = "approveTarget";
  /** The business calendar the targets count in ({@code 24x7} or one of {@code incidentflow.sla.calendars}). */
  public static final String SLA_CALENDAR = "slaCalendar";
  /** When responders are reminded, in percent of a target. */
  public static final String WARN_AT_PERCENT = "warnAtPercent";
  /** The priority of the incident's tasks in Tasklist (SEV1 highest; TaskPresentation). */
  public static final String TASK_PRIORITY = "taskPriority";
  /** How long a breach may last before the managers are told. */
  public static final String CLIMB_AFTER = "climbAfter";
  public static final String UPDATE_CADENCE = "updateCadence";
  public static final String REVIEW_TARGET = "reviewTarget";
  public static final String REVIEW_REQUIRED = "reviewRequired";
  public static final String AUTO_RESOLVE_ON_RECOVERY = "autoResolveOnRecovery";
  public static final String UPDATE_APPROVAL_REQUIRED = "updateApprovalRequired";

  // Alerts from monitoring (alert intake), refreshed every few seconds
  public static final String ALERT_SOURCE = "alertSource";
  public static final String ALERT_COUNT = "alertCount";
  public static final String ALERT_LAST_SEEN_AT = "alertLastSeenAt";
  /** A readable list of the alerts that joined the incident. */
  public static final String ALERTS = "alerts";
  public static final String MONITORING_RECOVERED = "monitoringRecovered";
  public static final String MONITORING_RECOVERED_AT = "monitoringRecoveredAt";
  public static final String RECOVERY_CONFIRMED = "recoveryConfirmed";
  public static final String ACKNOWLEDGED_BY = "acknowledgedBy";

  // Acknowledge
  public static final String ACKNOWLEDGEMENT_NOTE = "acknowledgementNote";
  /** How the acknowledgement came: "page link", "alert source"; unset when completed in Tasklist. */
  public static final String ACKNOWLEDGED_VIA = "acknowledgedVia";

  // Scope
  public static final String AFFECTED_SERVICES = "affectedServices";
  public static final String IMPACT_DESCRIPTION = "impactDescription";
  /** The incident's name for the public (status page, customer mails), written at scope; never an alert's. */
  public static final String PUBLIC_TITLE = "publicTitle";
  /** What customers are told first; the impact description when the incident manager leaves it empty. */
  public static final String PUBLIC_MESSAGE = "publicMessage";

  // Resolve or fall back
  public static final String RESOLVE_OUTCOME = "resolveOutcome";
  public static final String RESOLUTION_SUMMARY = "resolutionSummary";
  public static final String FALLBACK_STARTED = "fallbackStarted";
  public static final String FALLBACK_FAILURE_REASON = "fallbackFailureReason";
  public static final String TRAFFIC_REROUTED = "trafficRerouted";
  /** What the reroute changed on the load balancer, one line per server. */
  public static final String TRAFFIC_CHANGES = "trafficChanges";
  public static final String WORKAROUND_DESCRIPTION = "workaroundDescription";
  /** The manual workaround moved users: they are moved back by hand after the resolution. */
  public static final String WORKAROUND_MOVED_USERS = "workaroundMovedUsers";
  public static final String FAIL_BACK_FAILURE_REASON = "failBackFailureReason";
  public static final String FAIL_BACK_NOTE = "failBackNote";
  /** Who the resolution waits on, and for what (the resolve SLA clock is paused meanwhile). */
  public static final String WAITING_FOR = "waitingFor";
  public static final String ANSWER_RECEIVED = "answerReceived";

  // Communicate
  public static final String CUSTOMER_UPDATE_COUNT = "customerUpdateCount";
  /** The communications lead's text of a status update, and whether an incident manager approved it. */
  public static final String UPDATE_TEXT = "updateText";
  public static final String UPDATE_APPROVED = "updateApproved";
  /** Why an incident manager sent an update back; shown to the writer, forgotten when the next update is due. */
  public static final String APPROVAL_COMMENT = "approvalComment";
  /** What communications wrote for customers about the workaround and at the all-clear (never a technician's notes). */
  public static final String WORKAROUND_NOTICE = "workaroundNotice";
  public static final String ALL_CLEAR_NOTICE = "allClearNotice";
  /** What customers were told, notice by notice (filled when the review starts). */
  public static final String NOTICES_SENT = "noticesSent";
  /** Local input of a notify task: which notice to send (see {@code Notice}). */
  public static final String NOTICE = "notice";

  // SLA escalation: local inputs of each escalate task
  public static final String SLA_TASK_ID = "slaTaskId";
  public static final String SLA_TASK_NAME = "slaTaskName";
  public static final String SLA_TARGET = "slaTarget";

  // Review
  /** Task-local: the incident as the task's form shows it at the top (Markdown, tasklist.IncidentContext). */
  public static final String INCIDENT_CONTEXT = "incidentContext";
  public static final String ROOT_CAUSE = "rootCause";
  public static final String WENT_WELL = "wentWell";
  public static final String WENT_BADLY = "wentBadly";
  /** Hold review: a JSON list of {description, owner, due} (a Camunda Forms dynamic list; review.ActionItems). */
  public static final String ACTION_ITEMS = "actionItems";

  private IncidentVariables() {}
}
