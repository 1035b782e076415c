package io.incidentflow.review;

import static io.incidentflow.incident.IncidentVariables.*;
import static io.incidentflow.review.ReviewProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.incidentflow.sla.SlaClock;
import io.incidentflow.sla.SlaClocksOnEngine;
import io.incidentflow.sla.SlaEscalationProcess;
import io.incidentflow.sla.WatchSlaDelegate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One test per path of processes/post-incident-review.bpmn on a bare engine, under the engine's clock. The SLA
 * clocks and their escalation model are the real ones; what mails or stores (invitation, reminders, action
 * items, the document) is recorded by stand-ins here and tested for real in PostIncidentReviewIT.
 */
@Deployment(resources = {"processes/post-incident-review.bpmn", "processes/sla-escalation.bpmn"})
class PostIncidentReviewProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda.cfg.xml").build();

  static final Instant MONDAY_10_BERLIN = Instant.parse("2026-11-30T09:00:00Z");

  private ProcessEngine processEngine;
  private ManagementService management;
  private SlaClocksOnEngine sla;
  private final List<String> recorded = new ArrayList<>();
  private final List<String> escalations = new ArrayList<>();
  private final ActionItemsStandIn items = new ActionItemsStandIn();

  /** The model's {@code reviewActionItems} expressions over items kept here. Public: the expressions call it. */
  public static final class ActionItemsStandIn {
    final Map<Long, Object[]> byId = new LinkedHashMap<>(); // id -> {owner, due, outcome}
    /** What the next review's form will list: owner and due date. */
    List<Map<String, Object>> drafted = List.of();

    public List<Long> open(VariableScope execution) {
      return byId.entrySet().stream().filter(entry -> entry.getValue()[2] == null).map(Map.Entry::getKey).toList();
    }

    public String owner(Number id) {
      return (String) byId.get(id.longValue())[0];
    }

    public Date due(Number id) {
      return Date.from((Instant) byId.get(id.longValue())[1]);
    }

    public Date remindAt(Number id, String before) {
      return Date.from(((Instant) byId.get(id.longValue())[1]).minus(Duration.parse(before)));
    }
  }

  @BeforeEach
  void setUp() {
    processEngine = engine.getProcessEngine();
    management = processEngine.getManagementService();
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(Date.from(MONDAY_10_BERLIN));
    sla = new SlaClocksOnEngine(processEngine);
    Mocks.register("slaClocks", sla.clocks);
    Mocks.register("watchSla", new WatchSlaDelegate(sla.repository));
    Mocks.register("notifySla", sla.markingNotifier(execution -> escalations.add(
        execution.getVariable(SlaEscalationProcess.VAR_LEVEL) + " " + execution.getVariable(SLA_TASK_ID))));
    Mocks.register("prepareReview", (JavaDelegate) execution -> {
      execution.setVariable(COMMANDER, "ivy");
      execution.setVariable(ATTENDEES, "ivy,tom");
    });
    Mocks.register("checkReviewSchedule", (TaskListener) task -> recorded.add("checked " + task.getVariable(START)));
    Mocks.register("sendReviewInvitation", (JavaDelegate) execution -> recorded.add("invited " + execution.getVariable(START)));
    Mocks.register("holdReview", (TaskListener) task -> {
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        task.setVariableLocal(TIMELINE, "| time | what |");
      }
    });
    Mocks.register("summarizeNotices", (TaskListener) task -> task.setVariable(NOTICES_SENT, "confirmed: 3 sent"));
    Mocks.register("recordActionItems", (JavaDelegate) execution -> {
      long id = 100;
      for (Map<String, Object> draft : items.drafted) {
        items.byId.put(++id, new Object[] {draft.get("owner"), draft.get("due"), null});
      }
      execution.setVariable("openActionItems", items.open(execution).size());
    });
    Mocks.register("reviewActionItems", items);
    Mocks.register("actionItemTask", (TaskListener) task -> {
      if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
        long id = ((Number) task.getVariable(ACTION_ITEM_ID)).longValue();
        items.byId.get(id)[2] = task.getVariable(ACTION_ITEM_OUTCOME);
        recorded.add(task.getVariable(ACTION_ITEM_OUTCOME) + " " + id + " by " + task.getAssignee());
      }
    });
    Mocks.register("remindActionItem", (JavaDelegate) execution -> recorded.add(
        ("true".equals(execution.getVariable("overdue")) ? "overdue " : "reminded ") + execution.getVariable(ACTION_ITEM_ID)));
    Mocks.register("writeReviewDocument", (JavaDelegate) execution -> recorded.add("document"));
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  @Test
  void shouldScheduleInviteHoldAndWriteTheDocumentWhenNoActionItemIsRaised() {
    ProcessInstance review = startReview();

    assertThat(review).isWaitingAt(TASK_SCHEDULE_REVIEW);
    assertThat(BpmnAwareTests.task(review)).isAssignedTo("ivy");
    assertThat(BpmnAwareTests.taskQuery().processInstanceId(review.getId()).taskCandidateGroup("incident-managers")
        .includeAssignedTasks().count()).as("incident managers may take it over").isEqualTo(1);
    scheduleAt(review, "2026-12-02T14:00+01:00");
    runAsyncStep(review, TASK_SEND_INVITATION);
    assertThat(review).isWaitingAt(TASK_HOLD_REVIEW);
    assertThat(BpmnAwareTests.task(review)).isAssignedTo("ivy");
    assertThat(processEngine.getTaskService().getVariableLocal(BpmnAwareTests.task(review).getId(), TIMELINE))
        .as("the timeline on the form").isEqualTo("| time | what |");

    holdReview(review);
    runAsyncStep(review, TASK_WRITE_REVIEW_DOCUMENT);

    assertThat(review).isEnded().hasPassedInOrder(TASK_PREPARE_REVIEW, TASK_SCHEDULE_REVIEW, TASK_SEND_INVITATION,
        TASK_HOLD_REVIEW, TASK_RECORD_ACTION_ITEMS, TASK_WRITE_REVIEW_DOCUMENT, END_REVIEW_COMPLETED)
        .hasNotPassed(SUBPROCESS_ACTION_ITEM);
    assertThat(recorded).containsExactly("checked 2026-12-02T14:00+01:00", "invited 2026-12-02T14:00+01:00", "document");
    assertThat(sla.only("INC-2026-7", "review").stoppedAt()).as("held: the review clock stops").isNotNull();
    assertThat(sla.only("INC-2026-7", "review-schedule").stoppedAt()).isNotNull();
  }

  @Test
  void shouldInviteAgainWhenTheMeetingIsRescheduledAndKeepTheReviewClockRunning() {
    ProcessInstance review = startReview();
    scheduleAt(review, "2026-12-02T14:00+01:00");
    runAsyncStep(review, TASK_SEND_INVITATION);

    BpmnAwareTests.complete(BpmnAwareTests.task(review), Map.of(OUTCOME, RESCHEDULE));

    assertThat(review).isWaitingAt(TASK_SCHEDULE_REVIEW);
    assertThat(BpmnAwareTests.task(review)).isAssignedTo("ivy");
    assertThat(sla.only("INC-2026-7", "review").stoppedAt()).as("not held yet: the clock runs on").isNull();
    scheduleAt(review, "2026-12-03T09:30+01:00");
    runAsyncStep(review, TASK_SEND_INVITATION);
    assertThat(review).isWaitingAt(TASK_HOLD_REVIEW);
    assertThat(processEngine.getRuntimeService().getVariable(review.getId(), OUTCOME))
        .as("the outcome is asked afresh").isNull();

    assertThat(recorded).containsExactly("checked 2026-12-02T14:00+01:00", "invited 2026-12-02T14:00+01:00",
        "checked 2026-12-03T09:30+01:00", "invited 2026-12-03T09:30+01:00");
  }

  @Test
  void shouldGiveEachActionItemToItsOwnerAndEndWhenAllAreDoneOrDropped() {
    ProcessInstance review = reachHeldReview(List.of(
        Map.of("owner", "tom", "due", MONDAY_10_BERLIN.plus(Duration.ofDays(14))),
        Map.of("owner", "dana", "due", MONDAY_10_BERLIN.plus(Duration.ofDays(21)))));

    assertThat(review).isWaitingAt(TASK_COMPLETE_ACTION_ITEM);
    List<Task> tasks = actionItemTasks(review);
    assertThat(tasks).extracting(Task::getAssignee).containsExactlyInAnyOrder("tom", "dana");
    assertThat(tasks).extracting(Task::getDueDate).containsExactlyInAnyOrder(
        Date.from(MONDAY_10_BERLIN.plus(Duration.ofDays(14))), Date.from(MONDAY_10_BERLIN.plus(Duration.ofDays(21))));

    complete(tasks, "tom", Map.of(ACTION_ITEM_OUTCOME, "done"));
    assertThat(review).isWaitingAt(TASK_COMPLETE_ACTION_ITEM);
    complete(tasks, "dana", Map.of(ACTION_ITEM_OUTCOME, "dropped", ACTION_ITEM_NOTE, "Vendor fixed it"));
    runAsyncStep(review, TASK_WRITE_REVIEW_DOCUMENT);

    assertThat(review).isEnded().hasPassed(SUBPROCESS_ACTION_ITEM, END_REVIEW_COMPLETED);
    assertThat(recorded).endsWith("done 101 by tom", "dropped 102 by dana", "document");
  }

  @Test
  void shouldRemindTheOwnerADayAheadThenReportAnOverdueItemAndWaitForIt() {
    Instant due = MONDAY_10_BERLIN.plus(Duration.ofDays(7));
    ProcessInstance review = reachHeldReview(List.of(Map.of("owner", "tom", "due", due)));

    Job reminder = timer(review, TIMER_ACTION_ITEM_REMINDER);
    assertThat(reminder.getDuedate()).isEqualTo(Date.from(due.minus(Duration.ofDays(1))));
    fire(reminder);
    runAsyncStep(review, TASK_REMIND_ACTION_ITEM_OWNER);
    Job overdue = timer(review, TIMER_ACTION_ITEM_OVERDUE);
    assertThat(overdue.getDuedate()).isEqualTo(Date.from(due));
    fire(overdue);
    runAsyncStep(review, TASK_REPORT_ACTION_ITEM_OVERDUE);

    assertThat(recorded).endsWith("reminded 101", "overdue 101");
    assertThat(review).isWaitingAt(TASK_COMPLETE_ACTION_ITEM).hasPassed(TASK_REMIND_ACTION_ITEM_OWNER,
        TASK_REPORT_ACTION_ITEM_OVERDUE);
    assertThat(timer(review, TIMER_ACTION_ITEM_OVERDUE)).as("reported once").isNull();

    complete(actionItemTasks(review), "tom", Map.of(ACTION_ITEM_OUTCOME, "done"));
    runAsyncStep(review, TASK_WRITE_REVIEW_DOCUMENT);
    assertThat(review).isEnded();
  }

  @Test
  void shouldWarnAtTheReviewTargetsReminderPointWhileTheReviewIsNotHeld() {
    ProcessInstance review = startReview();
    scheduleAt(review, "2026-12-02T14:00+01:00");
    runAsyncStep(review, TASK_SEND_INVITATION);

    Job timer = timer(review, TIMER_REVIEW_SLA);
    SlaClock clock = sla.only("INC-2026-7", "review");
    assertThat(clock.startedAt()).as("the review clock starts with the review").isEqualTo(MONDAY_10_BERLIN);
    assertThat(timer.getDuedate()).isEqualTo(Date.from(clock.warnAt()));
    fire(timer);
    runAsyncStep(review, "Task_EscalateReviewSla");
    ProcessInstance escalation = BpmnAwareTests.runtimeService().createProcessInstanceQuery()
        .processDefinitionKey(SlaEscalationProcess.PROCESS_KEY).processInstanceBusinessKey("INC-2026-7")
        .variableValueEquals(SlaEscalationProcess.VAR_CLOCK, "review").singleResult();
    for (Job job; (job = management.createJobQuery().processInstanceId(escalation.getId()).executable().messages()
        .singleResult()) != null; ) {
      management.executeJob(job.getId());
    }

    assertThat(escalations).containsExactly("warning " + TASK_HOLD_REVIEW);
    assertThat(review).isWaitingAt(TASK_HOLD_REVIEW);
  }

  private ProcessInstance startReview() {
    Map<String, Object> variables = Map.of(INCIDENT_ID, "INC-2026-7", TITLE, "Checkout down",
        REVIEW_TARGET, "P5D", SLA_CALENDAR, "24x7", WARN_AT_PERCENT, 75, CLIMB_AFTER, "PT4H");
    ProcessInstance review = BpmnAwareTests.runtimeService().startProcessInstanceByKey(PROCESS_KEY, "INC-2026-7", variables);
    runAsyncStep(review, TASK_PREPARE_REVIEW);
    return review;
  }

  private ProcessInstance reachHeldReview(List<Map<String, Object>> actionItems) {
    ProcessInstance review = startReview();
    scheduleAt(review, "2026-12-02T14:00+01:00");
    runAsyncStep(review, TASK_SEND_INVITATION);
    items.drafted = actionItems;
    holdReview(review);
    return review;
  }

  private void scheduleAt(ProcessInstance review, String start) {
    BpmnAwareTests.complete(BpmnAwareTests.task(review), Map.of(START, start, DURATION_MINUTES, 60L));
  }

  private void holdReview(ProcessInstance review) {
    BpmnAwareTests.complete(BpmnAwareTests.task(review), Map.of(OUTCOME, HELD, ROOT_CAUSE, "Expired certificate"));
  }

  private List<Task> actionItemTasks(ProcessInstance review) {
    return BpmnAwareTests.taskQuery().processInstanceId(review.getId()).taskDefinitionKey(TASK_COMPLETE_ACTION_ITEM).list();
  }

  private void complete(List<Task> tasks, String owner, Map<String, Object> variables) {
    Task task = tasks.stream().filter(t -> owner.equals(t.getAssignee())).findFirst().orElseThrow();
    BpmnAwareTests.taskService().complete(task.getId(), variables);
  }

  private Job timer(ProcessInstance review, String timerId) {
    return management.createJobQuery().processInstanceId(review.getId()).timers().activityId(timerId).singleResult();
  }

  /** Moves the engine's clock past the timer's due date and fires it. */
  private void fire(Job timer) {
    ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
    management.executeJob(timer.getId());
  }

  private void runAsyncStep(ProcessInstance review, String activityId) {
    Job job = management.createJobQuery().processInstanceId(review.getId()).activityId(activityId).singleResult();
    assertThat(job).as("job of %s", activityId).isNotNull();
    management.executeJob(job.getId());
  }
}
