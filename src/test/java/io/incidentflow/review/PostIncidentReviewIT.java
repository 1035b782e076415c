package io.incidentflow.review;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TaskWorker;
import io.incidentflow.TestSmtp;
import io.incidentflow.incident.TestIncidents;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The post-incident review through the whole application on PostgreSQL, with real mail (GreenMail): the
 * invitation's calendar request parsed back, a reschedule that moves the same event, action items as their
 * owners' tasks with their reminders, refusals as Tasklist meets them (REST, 400 naming the field; 403 for a
 * task that is not the caller's), and the review document kept with the incident. The engine's clock moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostIncidentReviewIT {

  @RegisterExtension
  static GreenMailExtension smtp = TestSmtp.server();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    TestSmtp.register(registry);
  }

  static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired JobDriver jobs;
  @Autowired TaskWorker worker;
  @Autowired ReviewWorker reviews;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void shouldInviteRescheduleFollowEachActionItemToItsEndAndKeepTheReviewDocument() throws Exception {
    // Given a SEV2 checkout incident Ivy scoped and Tom resolved within the hour.
    ClockUtil.setCurrentTime(Date.from(T0));
    worker.logIn("ivy");
    String pi = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false).variables()).getId();
    identity.clearAuthentication();
    String incidentId = runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey();
    jobs.runDueJobs(pi);
    String onCall = worker.openTask(pi, TASK_ACKNOWLEDGE_INCIDENT).getAssignee();
    worker.complete(pi, TASK_ACKNOWLEDGE_INCIDENT, onCall, Map.of());
    at(10);
    worker.complete(pi, TASK_SCOPE_INCIDENT, "ivy", Map.of(CUSTOMER_IMPACT, false, SEVERITY, "SEV2"));
    at(40);
    worker.complete(pi, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED,
        RESOLUTION_SUMMARY, "Renewed the certificate"));
    jobs.runDueJobs(pi);
    smtp.reset();

    // The review: Ivy, who scoped it, leads it; everyone who worked it is proposed.
    String review = reviews.reviewOf(pi);
    Task schedule = worker.openTask(review, ReviewProcess.TASK_SCHEDULE_REVIEW);
    assertThat(schedule.getAssignee()).isEqualTo("ivy");
    assertThat(schedule.getName()).isEqualTo("Schedule review meeting · " + incidentId + " · Checkout · SEV2");
    assertThat(runtime.getVariable(review, ReviewProcess.ATTENDEES).toString())
        .isEqualTo("[\"ivy\",\"" + onCall + "\",\"tom\"]".replace(",\"tom\"", onCall.equals("tom") ? "" : ",\"tom\""));

    // Tom may not schedule it; a time in the past is refused, naming the field; the task stays open.
    assertThat(complete("tom", schedule, scheduleAnswers("2026-11-29T14:00+01:00")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> past = complete("ivy", schedule, scheduleAnswers("2026-11-29T14:00+01:00"));
    assertThat(past.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(past.getBody()).contains("reviewStart: must be in the future, was 2026-11-29T14:00+01:00");
    assertThat(complete("ivy", schedule, scheduleAnswers("2026-12-02T14:00+01:00")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    jobs.runDueJobs(pi);

    // Then everyone invited gets one mail with a calendar request for 2 December, 14:00 Berlin.
    List<MimeMessage> invited = List.of(smtp.getReceivedMessages());
    assertThat(invited).extracting(message -> ((InternetAddress) message.getAllRecipients()[0]).getAddress()).containsExactlyInAnyOrder(
        distinct("ivy@incidentflow.local", onCall + "@incidentflow.local", "tom@incidentflow.local", "vendor@example.org"));
    VEvent first = event(invited.get(0));
    assertThat(first.getUid().orElseThrow().getValue()).isEqualTo("post-incident-review-" + incidentId + "@incidentflow");
    assertThat(first.getSequence().getSequenceNo()).isZero();
    assertThat(Instant.from(first.getDateTimeStart().getDate())).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
    assertThat(Instant.from(first.getDateTimeEnd().getDate())).isEqualTo(Instant.parse("2026-12-02T13:45:00Z"));
    assertThat(first.getLocation().getValue()).isEqualTo("Room 4");
    assertThat(invited.get(0).getSubject()).startsWith("Invitation: post-incident review of " + incidentId);

    // When the meeting does not take place, Ivy moves it: the same event, next sequence.
    Task hold = worker.openTask(review, ReviewProcess.TASK_HOLD_REVIEW);
    assertThat(tasks.getVariableLocal(hold.getId(), ReviewProcess.TIMELINE).toString())
        .as("the timeline on the review's form").contains("Acknowledge incident", "Resolve incident", "| tom |");
    smtp.reset();
    worker.complete(review, ReviewProcess.TASK_HOLD_REVIEW, "ivy", Map.of(ReviewProcess.OUTCOME, ReviewProcess.RESCHEDULE));
    worker.complete(review, ReviewProcess.TASK_SCHEDULE_REVIEW, "ivy", Map.of(ReviewProcess.START, "2026-12-03T10:00+01:00",
        ReviewProcess.DURATION_MINUTES, 45L, ReviewProcess.LOCATION, "Room 4", ReviewProcess.EXTRA_ATTENDEES, "vendor@example.org"));
    jobs.runDueJobs(pi);
    MimeMessage moved = smtp.getReceivedMessages()[0];
    assertThat(moved.getSubject()).startsWith("Rescheduled: post-incident review of " + incidentId);
    assertThat(event(moved).getUid()).isEqualTo(first.getUid());
    assertThat(event(moved).getSequence().getSequenceNo()).isEqualTo(1);
    assertThat(Instant.from(event(moved).getDateTimeStart().getDate())).isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));

    // Ivy holds it; an action item owned by nobody known is refused, naming the row.
    at(3 * 24 * 60);
    hold = worker.openTask(review, ReviewProcess.TASK_HOLD_REVIEW);
    ResponseEntity<String> unknownOwner = complete("ivy", hold, heldAnswers("nobody"));
    assertThat(unknownOwner.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownOwner.getBody()).contains("actionItems.item2.owner: no user 'nobody'");
    assertThat(complete("ivy", hold, heldAnswers("dan")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    jobs.runDueJobs(pi);

    // Each action item is its owner's task, due on its date at 17:00 Berlin.
    Task tomsItem = actionItemOf(review, "tom");
    Task dansItem = actionItemOf(review, "dan");
    assertThat(tomsItem.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-10T16:00:00Z")));
    assertThat(tomsItem.getName()).isEqualTo("Complete action item · Alert 30 days before a certificate expires · "
        + incidentId + " · Checkout · SEV2");
    assertThat(tasks.getVariableLocal(tomsItem.getId(), ReviewProcess.ACTION_ITEM_CONTEXT).toString())
        .contains("owned by tom", "Alert 30 days before a certificate expires");
    assertThat(complete("dan", tomsItem, Map.of(ReviewProcess.ACTION_ITEM_OUTCOME, "done")).getStatusCode())
        .as("not Dan's").isEqualTo(HttpStatus.FORBIDDEN);

    // A day before it is due Tom is reminded; once overdue, Tom and Ivy are told, once.
    smtp.reset();
    atInstant(Instant.parse("2026-12-09T16:00:01Z"));
    assertThat(subjectsTo("tom@incidentflow.local")).containsExactly(
        "Action item due soon, " + incidentId + ": Alert 30 days before a certificate expires");
    atInstant(Instant.parse("2026-12-10T16:00:01Z"));
    atInstant(Instant.parse("2026-12-11T16:00:01Z"));
    String overdue = "Overdue action item of " + incidentId + ": Alert 30 days before a certificate expires";
    assertThat(subjectsTo("tom@incidentflow.local")).endsWith(overdue).filteredOn(overdue::equals).hasSize(1);
    assertThat(subjectsTo("ivy@incidentflow.local")).containsExactly(overdue);

    // The reports count the open, overdue action items of the incidents opened in the period.
    assertThat(actionItemFigures()).isEqualTo("total 2, open 2, overdue 1, closed late 0");

    // The review stays open until every item is done or dropped with a reason.
    assertThat(complete("tom", tomsItem, Map.of(ReviewProcess.ACTION_ITEM_OUTCOME, "done",
        ReviewProcess.ACTION_ITEM_NOTE, "Alert rule added")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    ResponseEntity<String> noReason = complete("dan", dansItem, Map.of(ReviewProcess.ACTION_ITEM_OUTCOME, "dropped"));
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody()).contains("actionItemNote: say why the action item is dropped");
    jobs.runDueJobs(pi);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).as("still in review").isEqualTo(1);
    assertThat(complete("dan", dansItem, Map.of(ReviewProcess.ACTION_ITEM_OUTCOME, "dropped",
        ReviewProcess.ACTION_ITEM_NOTE, "Replaced by the vendor's renewal")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    jobs.runDueJobs(pi);
    jobs.assertNoFailedJobs(review);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).as("the incident closed").isZero();

    assertThat(actionItemFigures()).as("Tom closed his after its due date").isEqualTo("total 2, open 0, overdue 0, closed late 1");

    // Then the review and its document are kept with the incident, for its readers.
    JsonNode kept = as("max").getForObject("/api/staff/incidents/" + incidentId + "/review", JsonNode.class);
    assertThat(kept.get("commander").asText()).isEqualTo("ivy");
    assertThat(kept.get("invitationSequence").asInt()).isEqualTo(1);
    assertThat(kept.get("document").asBoolean()).isTrue();
    assertThat(kept.get("actionItems")).extracting(item -> item.get("owner").asText() + " " + item.get("status").asText())
        .containsExactly("tom DONE", "dan DROPPED");
    String markdown = as("max").getForObject("/api/staff/incidents/" + incidentId + "/review.md", String.class);
    assertThat(markdown).startsWith("# Post-incident review: " + incidentId + " – Card payments fail")
        .contains("Root cause: Expired certificate on the payment gateway",
            "Contributing factors: No alert on certificate expiry",
            "Downtime: 40.00 minutes; cost 4800.00 EUR (downtime minutes × 120.00 EUR per minute).",
            "| resolve | PT4H | met |",
            "| 1 | Alert 30 days before a certificate expires | tom |",
            "Review meeting: 2026-12-03 10:00:00 CET to 2026-12-03 10:45:00 CET (rescheduled once)",
            "done by tom", "(late)", "dropped by dan", "Replaced by the vendor's renewal");
    ResponseEntity<String> page = as("ivy").getForEntity("/api/staff/incidents/" + incidentId + "/review.html", String.class);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody()).contains("<h2>Action items</h2>", "Expired certificate on the payment gateway");
    String incidentPage = as("max").getForObject("/api/staff/incidents/" + incidentId + ".html", String.class);
    assertThat(incidentPage).contains("<h2>Post-incident review</h2>", "Automate renewals", "Replaced by the vendor&#39;s renewal",
        "href=\"" + incidentId + "/review.html\"");
    assertThat(as("cora").getForEntity("/api/staff/incidents/" + incidentId + "/review.md", String.class)
        .getStatusCode()).as("communications: not a reader of every incident").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/api/staff/incidents/" + incidentId + "/review", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> unknown = as("max").getForEntity("/api/staff/incidents/INC-1999-0001/review.md", String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("incidentId: no incident 'INC-1999-0001'");
  }

  /** The checkout report's action items for November's incidents, as the managers' report gives them. */
  private String actionItemFigures() {
    JsonNode items = as("max").getForObject("/api/staff/reports/incidents?from=2026-11-01&to=2026-12-01&service=checkout",
        JsonNode.class).get("total").get("actionItems");
    return "total " + items.get("total").asLong() + ", open " + items.get("open").asLong() + ", overdue "
        + items.get("overdue").asLong() + ", closed late " + items.get("closedLate").asLong();
  }

  private Map<String, Object> scheduleAnswers(String start) {
    return Map.of(ReviewProcess.START, start, ReviewProcess.DURATION_MINUTES, 45L, ReviewProcess.LOCATION, "Room 4",
        ReviewProcess.EXTRA_ATTENDEES, "vendor@example.org");
  }

  private Map<String, Object> heldAnswers(String secondOwner) {
    return Map.of(ReviewProcess.OUTCOME, ReviewProcess.HELD,
        ROOT_CAUSE, "Expired certificate on the payment gateway",
        ReviewProcess.CONTRIBUTING_FACTORS, "No alert on certificate expiry",
        ACTION_ITEMS, org.camunda.spin.plugin.variable.SpinValues.jsonValue("""
            {"item1": {"description": "Alert 30 days before a certificate expires", "owner": "tom", "due": "2026-12-10"},
             "item2": {"description": "Automate renewals", "owner": "%s", "due": "2026-12-17"},
             "item3": {"description": null, "owner": null, "due": null}}""".formatted(secondOwner))
            .create());
  }

  /** Completes the task over the REST API as Tasklist does, logged in as the user. */
  private ResponseEntity<String> complete(String user, Task task, Map<String, Object> variables) {
    StringBuilder body = new StringBuilder("{\"variables\": {");
    List<String> entries = new ArrayList<>();
    variables.forEach((name, value) -> {
      String type;
      String json;
      if (value instanceof org.camunda.spin.plugin.variable.value.JsonValue spin) {
        type = "Json";
        json = quote(spin.getValueSerialized());
      } else if (value instanceof Long number) {
        type = "Long";
        json = number.toString();
      } else {
        type = "String";
        json = quote(value.toString());
      }
      entries.add("\"" + name + "\": {\"value\": " + json + ", \"type\": \"" + type + "\"}");
    });
    body.append(String.join(", ", entries)).append("}}");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (task.getAssignee() == null) {
      as(user).postForEntity("/engine-rest/task/" + task.getId() + "/claim",
          new HttpEntity<>("{\"userId\": \"" + user + "\"}", headers), String.class);
    }
    return as(user).postForEntity("/engine-rest/task/" + task.getId() + "/complete",
        new HttpEntity<>(body.toString(), headers), String.class);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private Task actionItemOf(String review, String owner) {
    Task task = tasks.createTaskQuery().processInstanceId(review).taskDefinitionKey(ReviewProcess.TASK_COMPLETE_ACTION_ITEM)
        .taskAssignee(owner).singleResult();
    assertThat(task).as("%s's action item", owner).isNotNull();
    return task;
  }

  private static VEvent event(MimeMessage message) throws Exception {
    Multipart alternatives = (Multipart) message.getContent();
    for (int i = 0; i < alternatives.getCount(); i++) {
      BodyPart part = alternatives.getBodyPart(i);
      if (part.getContentType().startsWith("text/calendar")) {
        assertThat(part.getContentType()).contains("method=REQUEST");
        try (InputStream in = part.getInputStream()) {
          Calendar calendar = new CalendarBuilder().build(new InputStreamReader(in, StandardCharsets.UTF_8));
          assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
          return calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        }
      }
    }
    throw new AssertionError("no text/calendar part in " + message.getSubject());
  }

  private List<String> subjectsTo(String address) throws Exception {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessagesForDomain(address)) {
      subjects.add(message.getSubject());
    }
    return subjects;
  }

  private static String[] distinct(String... addresses) {
    return java.util.Arrays.stream(addresses).distinct().toArray(String[]::new);
  }

  private void at(int minutes) {
    atInstant(T0.plus(Duration.ofMinutes(minutes)));
  }

  private void atInstant(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
    runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike("INC-%").processDefinitionKey(PROCESS_KEY).list()
        .forEach(instance -> jobs.runDueJobs(instance.getId()));
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }
}
