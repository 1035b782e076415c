package io.incidentflow.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * One step of an incident's timeline.
 *
 * @param what a human label: the activity or task name, a variable and its new value, a page's target
 * @param who the user who did it or whom it concerns, where the record names one
 * @param due a user task's due date (task-completed) or an SLA clock's target (sla)
 * @param met whether the task ended by its due date, or the SLA clock met its target; null where no target applies
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineStep(Instant at, Kind kind, String what, String who, Instant due, Boolean met) {

  public static TimelineStep of(Instant at, Kind kind, String what, String who) {
    return new TimelineStep(at, kind, what, who, null, null);
  }

  /**
   * What a step is. At one instant steps are listed in this order: the incident's start, what a person did (a
   * claim, a task completed, the answers it set, its clock stopped), then what the engine did in reaction, then
   * new tasks and whom they were handed to, and what left the company. The engine's frozen clock in tests, and
   * fast steps in life, share an instant often. Two kinds appear twice under one label, at two places in that
   * order: the start event among the activities, and an assignment (a claim or reassignment before a completion,
   * a hand-over as a task is created).
   */
  public enum Kind {
    ALERT("alert"),
    /** The start event of the incident's own instance. */
    PROCESS_STARTED("activity"),
    /** Assigned after its creation: a claim, a reassignment. */
    TASK_CLAIMED("task-assigned"),
    TASK_COMPLETED("task-completed"),
    TASK_CANCELLED("task-cancelled"),
    ACKNOWLEDGED("acknowledged"),
    VARIABLE("variable"),
    OPERATION("operation"),
    SLA("sla"),
    ACTIVITY("activity"),
    TASK_CREATED("task-created"),
    /** Assigned as it was created: paging's hand-over. */
    TASK_ASSIGNED("task-assigned"),
    PAGE("page"),
    REROUTE("reroute"),
    CUSTOMER_MAIL("customer-mail");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }
  }
}
