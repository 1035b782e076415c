package io.incidentflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.JobDriver;
import io.incidentflow.TaskWorker;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** The integration tests' incident commander at a review: schedules it and holds it as Tasklist does. */
@Component
public class ReviewWorker {

  private final RuntimeService runtime;
  private final TaskWorker worker;
  private final JobDriver jobs;

  public ReviewWorker(RuntimeService runtime, TaskWorker worker, JobDriver jobs) {
    this.runtime = runtime;
    this.worker = worker;
    this.jobs = jobs;
  }

  /** The running review the incident called. */
  public String reviewOf(String incidentInstanceId) {
    ProcessInstance review = runtime.createProcessInstanceQuery().superProcessInstanceId(incidentInstanceId)
        .processDefinitionKey(ReviewProcess.PROCESS_KEY).singleResult();
    assertThat(review).as("the review of %s", incidentInstanceId).isNotNull();
    return review.getId();
  }

  /** Schedules the meeting a day ahead with the attendees proposed, then records it held, with no action item. */
  public void holdWithoutActionItems(String incidentInstanceId, String commander, String rootCause) {
    jobs.runDueJobs(incidentInstanceId);
    String review = reviewOf(incidentInstanceId);
    worker.complete(review, ReviewProcess.TASK_SCHEDULE_REVIEW, commander, Map.of(
        ReviewProcess.START, inADay(), ReviewProcess.DURATION_MINUTES, 60L));
    jobs.runDueJobs(incidentInstanceId);
    Map<String, Object> answers = new HashMap<>();
    answers.put(ReviewProcess.OUTCOME, ReviewProcess.HELD);
    answers.put(io.incidentflow.incident.IncidentVariables.ROOT_CAUSE, rootCause);
    worker.complete(review, ReviewProcess.TASK_HOLD_REVIEW, commander, answers);
    jobs.runDueJobs(incidentInstanceId);
  }

  /** A meeting time a day from the engine's now, as the form's date-time field writes it. */
  public static String inADay() {
    return OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1)), ZoneOffset.ofHours(1))
        .withSecond(0).withNano(0).toString();
  }
}
