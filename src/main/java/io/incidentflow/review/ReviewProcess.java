package io.incidentflow.review;

import io.incidentflow.incident.IncidentProcess;

/** Keys, element ids and variables of processes/post-incident-review.bpmn, in one place. */
public final class ReviewProcess {

  public static final String PROCESS_KEY = IncidentProcess.REVIEW_PROCESS_KEY;

  public static final String START_REVIEW_REQUESTED = "StartEvent_ReviewRequested";
  public static final String TASK_PREPARE_REVIEW = "Task_PrepareReview";
  public static final String TASK_SCHEDULE_REVIEW = "Task_ScheduleReview";
  public static final String TIMER_SCHEDULE_SLA = "Timer_ScheduleReviewSla";
  public static final String TASK_SEND_INVITATION = "Task_SendReviewInvitation";
  public static final String TASK_HOLD_REVIEW = "Task_HoldReview";
  public static final String TIMER_REVIEW_SLA = "Timer_ReviewSla";
  public static final String GATEWAY_REVIEW_HELD = "Gateway_ReviewHeld";
  public static final String TASK_RECORD_ACTION_ITEMS = "Task_RecordActionItems";
  public static final String GATEWAY_ANY_ACTION_ITEMS = "Gateway_AnyActionItems";
  public static final String SUBPROCESS_ACTION_ITEM = "SubProcess_ActionItem";
  public static final String TASK_COMPLETE_ACTION_ITEM = "Task_CompleteActionItem";
  public static final String TIMER_ACTION_ITEM_REMINDER = "Timer_ActionItemReminder";
  public static final String TASK_REMIND_ACTION_ITEM_OWNER = "Task_RemindActionItemOwner";
  public static final String TIMER_ACTION_ITEM_OVERDUE = "Timer_ActionItemOverdue";
  public static final String TASK_REPORT_ACTION_ITEM_OVERDUE = "Task_ReportActionItemOverdue";
  public static final String TASK_WRITE_REVIEW_DOCUMENT = "Task_WriteReviewDocument";
  public static final String END_REVIEW_COMPLETED = "EndEvent_ReviewCompleted";

  /** The incident manager who scoped the incident: schedules and holds the review, hears of late action items. */
  public static final String COMMANDER = "incidentCommander";
  /** Proposed and chosen attendees: user ids (a Camunda Forms tag list, JSON). */
  public static final String ATTENDEES = "reviewAttendees";
  /** Whom the tag list offers: the users who work incidents (JSON list). */
  public static final String ATTENDEE_OPTIONS = "reviewAttendeeOptions";
  /** Further addresses, comma-separated (a vendor, a customer's contact). */
  public static final String EXTRA_ATTENDEES = "reviewExtraAttendees";
  /** The meeting's start: an ISO date-time with offset, as the form's date-time field writes it. */
  public static final String START = "reviewStart";
  public static final String DURATION_MINUTES = "reviewDurationMinutes";
  public static final String LOCATION = "reviewLocation";
  /** Hold review: {@value #HELD} or {@value #RESCHEDULE}. */
  public static final String OUTCOME = "reviewOutcome";
  public static final String HELD = "held";
  public static final String RESCHEDULE = "reschedule";
  public static final String CONTRIBUTING_FACTORS = "contributingFactors";
  /** Task-local on Hold review: the incident's timeline as Markdown. */
  public static final String TIMELINE = "reviewTimeline";
  /** The multi-instance element: one action item's id (table action_item). */
  public static final String ACTION_ITEM_ID = "actionItemId";
  /** Task-local on an action item's task: what, for which incident, due when (Markdown). */
  public static final String ACTION_ITEM_CONTEXT = "actionItemContext";
  /** Complete action item: {@code done} or {@code dropped}. */
  public static final String ACTION_ITEM_OUTCOME = "actionItemOutcome";
  /** What was done, or why it was dropped (required then). */
  public static final String ACTION_ITEM_NOTE = "actionItemNote";

  private ReviewProcess() {}
}
