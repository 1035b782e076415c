package io.incidentflow.oncall;

/** Ids and variable names of processes/page-responders.bpmn and escalation-policy.dmn, in one place. */
public final class PagingProcess {

  public static final String PROCESS_KEY = "page-responders";
  public static final String DECISION_ESCALATION_POLICY = "escalation-policy";

  public static final String TASK_DECIDE_ESCALATION_POLICY = "Task_DecideEscalationPolicy";
  public static final String SUBPROCESS_PAGING_ROUND = "SubProcess_PagingRound";
  public static final String SUBPROCESS_PAGING_LEVEL = "SubProcess_PagingLevel";
  public static final String TASK_PAGE_LEVEL = "Task_PageLevel";
  public static final String BOUNDARY_PAGING_FAILED = "Boundary_PagingFailed";
  public static final String TIMER_LEVEL_DELAY = "Timer_LevelDelay";
  public static final String END_LEVEL_SKIPPED = "EndEvent_LevelSkipped";
  public static final String TASK_PAGE_FINAL_LEVEL = "Task_PageFinalLevel";
  public static final String END_FINAL_LEVEL_PAGED = "EndEvent_FinalLevelPaged";

  /** The BPMN error of a level that reached nobody: the boundary moves on to the next level. */
  public static final String ERROR_PAGING_FAILED = "PagingFailed";

  // Set by the caller (incident.bpmn's call activity)
  public static final String PAGING_ROUNDS = "pagingRounds";
  public static final String FINAL_TARGETS = "finalTargets";

  // Inside the process
  public static final String ESCALATION_LEVELS = "escalationLevels";
  public static final String TARGETS = "targets";
  public static final String ROUND = "round";
  public static final String LEVEL_NUMBER = "levelNumber";
  public static final String LAST_RESORT = "lastResort";
  public static final String PAGING_ERROR = "pagingError";

  // What the process shows in Cockpit
  public static final String LEVEL_REACHED = "levelReached";
  public static final String PAGE_LOG = "pageLog";

  private PagingProcess() {}
}
