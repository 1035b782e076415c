package io.incidentflow.timeline;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.incidentflow.JobDriver;
import io.incidentflow.TaskWorker;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TestSmtp;
import io.incidentflow.incident.TestIncidents;
import io.incidentflow.review.ReviewWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
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
 * The timeline of a finished incident through the whole application on PostgreSQL: the engine's clock is moved
 * between the steps, so every time in it is exact; the people act as Tasklist does, logged in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IncidentTimelineIT {

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
  @Autowired ObjectMapper json;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void shouldListTheStepsOfAFinishedIncidentInOrderWithWhoDidThemAndWhetherTheyMetTheirTargets() throws Exception {
    // Given Ivy reports a SEV2 checkout outage at T0; paging hands the acknowledgement to whoever is on call.
    at(0);
    worker.logIn("ivy");
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false).variables());
    identity.clearAuthentication();
    String pi = instance.getId();
    String incidentId = instance.getBusinessKey();
    jobs.runDueJobs(pi);
    String onCall = worker.openTask(pi, TASK_ACKNOWLEDGE_INCIDENT).getAssignee();
    assertThat(onCall).isIn("tom", "amy");

    // When they acknowledge after 4 minutes (target 15, paging's next level at 5), Ivy scopes after 45 (target 30 from the acknowledgement:
    // breached at 34, escalated when the jobs run at 36) and raises it to SEV1, Tom resolves at 55, Ivy reviews.
    at(4);
    worker.complete(pi, TASK_ACKNOWLEDGE_INCIDENT, onCall, Map.of(ACKNOWLEDGEMENT_NOTE, "On it"));
    at(36);
    at(45);
    worker.complete(pi, TASK_SCOPE_INCIDENT, "ivy", Map.of(
        AFFECTED_SERVICES, SpinValues.jsonValue(Spin.JSON("[\"checkout\"]")).create(),
        CUSTOMER_IMPACT, false, SEVERITY, "SEV1", IMPACT_DESCRIPTION, "Card payments fail"));
    at(55);
    worker.complete(pi, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED,
        RESOLUTION_SUMMARY, "Renewed the payment provider certificate"));
    at(70);
    reviews.holdWithoutActionItems(pi, "ivy", "Certificate expired");
    jobs.assertNoFailedJobs(pi);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult().getEndTime())
        .as("the incident is finished").isNotNull();

    // Then a manager reads its timeline, in time order.
    ResponseEntity<String> answer = as("max").getForEntity(path(incidentId), String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<JsonNode> steps = new ArrayList<>();
    json.readTree(answer.getBody()).forEach(steps::add);
    assertThat(steps).extracting(step -> Instant.parse(step.get("at").asText())).isSorted();
    assertThat(lines(steps.subList(0, 1), kind("activity"))).as("the start, by who reported it")
        .singleElement().asString().startsWith("+0m ").endsWith(" | ivy | -");

    assertThat(lines(steps, kind("task-completed"))).containsExactly(
        line(4, "Acknowledge incident", onCall, "met"),
        line(45, "Scope incident", "ivy", "missed"),
        line(55, "Resolve incident", "tom", "met"),
        line(70, "Schedule review meeting", "ivy", "met"),
        line(70, "Hold post-incident review", "ivy", "met"));
    assertThat(lines(steps, kind("acknowledged"))).containsExactly(line(4, "Acknowledged by " + onCall, onCall, "-"));
    assertThat(lines(steps, kind("variable").and(what("severity: SEV1")))).containsExactly(
        line(45, "severity: SEV1", "ivy", "-"));
    assertThat(lines(steps, kind("task-assigned").and(what("Acknowledge incident")))).as("paging's hand-over")
        .last().asString().startsWith("+0m Acknowledge incident assigned to " + onCall).endsWith(" | " + onCall + " | -");
    assertThat(lines(steps, kind("page").and(step -> onCall.equals(text(step, "who"))))).isNotEmpty()
        .allSatisfy(page -> assertThat(page).startsWith("+0m "));
    assertThat(lines(steps, kind("sla"))).contains(
        line(4, "SLA acknowledge (target PT15M, 24x7): met", "-", "met"),
        line(36, "SLA scope (target PT30M, 24x7): breached", "-", "missed"),
        line(45, "SLA scope (target PT30M, 24x7): missed", "-", "missed"),
        line(55, "SLA resolve (target PT1H, 24x7): met", "-", "met"));
    assertThat(lines(steps, kind("task-assigned").and(what("Scope incident")))).as("Ivy's claim, before her completion")
        .containsExactly(line(45, "Scope incident assigned to ivy", "ivy", "-"));
    assertThat(lines(steps, step -> Instant.parse(step.get("at").asText()).equals(T0.plusSeconds(45 * 60))))
        .as("at one instant: the claim, the completion, its answers and clock, then what followed").startsWith(
            line(45, "Scope incident assigned to ivy", "ivy", "-"),
            line(45, "Scope incident", "ivy", "missed"),
            line(45, "severity: SEV1", "ivy", "-"),
            line(45, "SLA scope (target PT30M, 24x7): missed", "-", "missed"));
    assertThat(lines(steps, kind("variable").and(what("severity")))).as("the severity as classified, then as scoped")
        .containsExactly(line(0, "severity: SEV2", "ivy", "-"), line(45, "severity: SEV1", "ivy", "-"));
    assertThat(lines(steps, kind("variable").and(what("customerImpact")))).as("as reported")
        .containsExactly(line(0, "customerImpact: false", "ivy", "-"));
    assertThat(steps.stream().filter(kind("task-created")).map(step -> text(step, "what")).toList())
        .containsSubsequence("Acknowledge incident", "Scope incident", "Resolve incident", "Schedule review meeting",
            "Hold post-incident review");
  }

  @Test
  void shouldListTheAlertTheNoticesToCustomersAndWhatAnAdministratorDidOfARunningIncident() throws Exception {
    // Given monitoring opens a checkout incident that customers feel, scoped as such after 10 minutes.
    at(0);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBearerAuth("demo-intake-token");
    JsonNode opened = http.postForEntity("/api/alerts", new HttpEntity<>("""
        {"service":"checkout","summary":"Checkout returns 5xx","severity":"critical","dedupKey":"timeline-1",
         "customerImpact":true}""", headers), JsonNode.class).getBody();
    String incidentId = opened.get("incidentId").asText();
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentId)
        .processDefinitionKey(PROCESS_KEY).singleResult().getId();
    at(0);
    at(2);
    worker.complete(pi, TASK_ACKNOWLEDGE_INCIDENT, worker.openTask(pi, TASK_ACKNOWLEDGE_INCIDENT).getAssignee(), Map.of());
    at(10);
    worker.complete(pi, TASK_SCOPE_INCIDENT, "ivy", Map.of(SEVERITY, "SEV2", CUSTOMER_IMPACT, true,
        IMPACT_DESCRIPTION, "Card payments fail", PUBLIC_TITLE, "Card payments fail"));
    at(10);
    // When an administrator suspends the incident for a moment at 12.
    at(12);
    worker.logIn("admin");
    runtime.suspendProcessInstanceById(pi);
    runtime.activateProcessInstanceById(pi);
    identity.clearAuthentication();

    // Then the running incident's timeline holds the alert, the first notice to the two demo customers of checkout
    // (db/demo), and the operations.
    List<JsonNode> steps = new ArrayList<>();
    json.readTree(as("tom").getForEntity(path(incidentId), String.class).getBody()).forEach(steps::add);
    assertThat(lines(steps, kind("alert"))).containsExactly(
        line(0, "generic firing: Checkout returns 5xx (opened)", "-", "-"));
    assertThat(lines(steps, kind("customer-mail"))).containsExactly(
        line(10, "Customer notice 'confirmed' sent to 2 of 2 customers", "-", "-"));
    assertThat(lines(steps, kind("operation"))).containsExactly(
        line(12, "Suspend ProcessInstance", "admin", "-"), line(12, "Activate ProcessInstance", "admin", "-"));
    assertThat(lines(steps, kind("task-completed"))).extracting(step -> step.split(" \\| ")[0])
        .containsExactly("+2m Acknowledge incident", "+10m Scope incident");
  }

  @Test
  void shouldShowTheTimelineOnlyToThoseWhoReadEveryIncidentAndNameAnUnknownIncident() {
    String pi = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.searchWarningWithoutCustomerImpact().variables()).getId();
    jobs.runDueJobs(pi);
    String path = path((String) runtime.getVariable(pi, INCIDENT_ID));

    for (String user : List.of("ivy", "max", "pat", "tom")) {
      assertThat(as(user).getForEntity(path, String.class).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
    }
    ResponseEntity<String> communications = as("cora").getForEntity(path, String.class);
    assertThat(communications.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(communications.getBody()).contains("incident-managers");

    ResponseEntity<String> unknown = as("ivy").getForEntity(path("INC-1999-0001"), String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(unknown.getBody()).contains("incidentId: no incident 'INC-1999-0001'");
  }

  /** Moves the engine's clock to T0 plus the minutes and runs what fell due. */
  private void at(int minutes) {
    ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofMinutes(minutes))));
    runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike("INC-%").list()
        .forEach(instance -> jobs.runDueJobs(instance.getId()));
  }

  private static String path(String incidentId) {
    return "/api/staff/incidents/" + incidentId + "/timeline";
  }

  /** A step as one line: minutes after T0, what, who, met. */
  private static String line(int minutes, String what, String who, String met) {
    return "+" + minutes + "m " + what + " | " + who + " | " + met;
  }

  private static List<String> lines(List<JsonNode> steps, Predicate<JsonNode> which) {
    return steps.stream().filter(which).map(step -> line(
        (int) Duration.between(T0, Instant.parse(step.get("at").asText())).toMinutes(), text(step, "what"),
        step.has("who") ? text(step, "who") : "-",
        step.has("met") ? (step.get("met").asBoolean() ? "met" : "missed") : "-")).toList();
  }

  private static Predicate<JsonNode> kind(String kind) {
    return step -> kind.equals(text(step, "kind"));
  }

  private static Predicate<JsonNode> what(String prefix) {
    return step -> text(step, "what").startsWith(prefix);
  }

  private static String text(JsonNode step, String field) {
    return step.has(field) ? step.get(field).asText() : null;
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }
}
