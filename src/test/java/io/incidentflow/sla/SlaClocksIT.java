package io.incidentflow.sla;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TestSmtp;
import io.incidentflow.incident.TestIncidents;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SLA clocks through the whole application on PostgreSQL: targets counted in the shipped business-hours
 * calendar (application.yaml: Mon–Fri 08:00–18:00 Europe/Berlin), the escalation model, real mail, and the
 * clocks' API behind the roles of the product.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlaClocksIT {

  @RegisterExtension
  static GreenMailExtension smtp = TestSmtp.server();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    TestSmtp.register(registry);
  }

  /** Friday 27 November 2026, 17:30 in Berlin: half an hour of the working week is left. */
  static final Instant FRIDAY_1730_BERLIN = Instant.parse("2026-11-27T16:30:00Z");

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired JobDriver jobs;
  @Autowired SlaBreachRepository breaches;
  @Autowired ObjectMapper json;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldDueASev3ReportedFridayEveningOnMondayAndEscalateThereNotAtTheWeekend() throws Exception {
    ClockUtil.setCurrentTime(Date.from(FRIDAY_1730_BERLIN));
    String pi = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.checkoutOutageWithCustomersAffected().severity("SEV3").customerImpact(false).variables()).getId();
    String incidentId = (String) runtime.getVariable(pi, INCIDENT_ID);
    jobs.runDueJobs(pi);
    complete(pi, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    complete(pi, TASK_SCOPE_INCIDENT, Map.of(SEVERITY, "SEV3", CUSTOMER_IMPACT, false));
    jobs.runDueJobs(pi);

    // PT8H of business time from Friday 17:30: 0.5 h on Friday, 7.5 h on Monday from 08:00 → Monday 15:30.
    Task resolve = openTask(pi, TASK_RESOLVE_INCIDENT);
    assertThat(resolve.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-11-30T14:30:00Z")));

    // The whole weekend passes: nothing is due, nobody is mailed.
    jobs.advanceClock(Duration.ofDays(2).plusHours(14)); // Monday 07:30
    jobs.runDueJobs(pi);
    assertThat(subjects()).noneMatch(subject -> subject.contains("SLA"));

    // Monday 13:31: the reminder (75 %: 6 h of business time); 15:31: the breach, to the people the model names.
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T12:31:00Z")));
    jobs.runDueJobs(pi);
    assertThat(recipientsOf("[SEV3] SLA target approaching: Resolve incident on " + incidentId))
        .as("the Resolve task's candidate group, application").containsExactlyInAnyOrder(
            "tom@incidentflow.local", "amy@incidentflow.local");
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T14:31:00Z")));
    jobs.runDueJobs(pi);
    assertThat(recipientsOf("[SEV3] SLA breached: Resolve incident on " + incidentId))
        .as("the incident managers").containsExactly("ivy@incidentflow.local");
    assertThat(bodyOf("[SEV3] SLA breached: Resolve incident on " + incidentId))
        .as("straight to the late task").contains("/camunda/app/tasklist/default/#/?task=" + resolve.getId());
    assertThat(breaches.findByIncident(incidentId)).singleElement()
        .satisfies(breach -> assertThat(breach.taskKey()).isEqualTo(TASK_RESOLVE_INCIDENT));
    assertThat(openTask(pi, TASK_RESOLVE_INCIDENT).getPriority()).isEqualTo(100);

    JsonNode clocks = json.readTree(as("ivy").getForEntity("/api/staff/incidents/" + incidentId + "/slas", String.class)
        .getBody());
    // The breach also started the fallback (incident.bpmn): with no router configured, a manual workaround task.
    assertThat(clocks.findValuesAsText("clock")).containsExactly("acknowledge", "scope", "resolve", "workaround");
    JsonNode resolveClock = clocks.get(2);
    assertThat(resolveClock.get("state").asText()).isEqualTo("BREACHED");
    assertThat(resolveClock.get("calendar").asText()).isEqualTo("business-hours");
    assertThat(resolveClock.get("target").asText()).isEqualTo("PT8H");
    assertThat(Duration.parse(resolveClock.get("elapsedTime").asText())).isEqualTo(Duration.ofHours(8).plusMinutes(1));
    assertThat(clocks.get(0).get("state").asText()).isEqualTo("MET");

    complete(pi, TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED, RESOLUTION_SUMMARY, "Restarted"));
    jobs.runDueJobs(pi);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(SlaEscalationProcess.PROCESS_KEY)
        .processInstanceBusinessKey(incidentId).count()).as("the escalations ended with their clocks").isZero();
    jobs.assertNoFailedJobs(pi);
  }

  @Test
  void shouldShowTheClocksOnlyToThoseWhoReadEveryIncident() {
    String pi = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.searchWarningWithoutCustomerImpact().variables()).getId();
    jobs.runDueJobs(pi);
    String path = "/api/staff/incidents/" + runtime.getVariable(pi, INCIDENT_ID) + "/slas";

    for (String user : List.of("ivy", "max", "pat", "tom")) {
      assertThat(as(user).getForEntity(path, String.class).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
    }
    ResponseEntity<String> communications = as("cora").getForEntity(path, String.class);
    assertThat(communications.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(communications.getBody()).contains("incident-managers");
    assertThat(http.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }

  private List<String> subjects() throws Exception {
    return Arrays.stream(smtp.getReceivedMessages()).map(SlaClocksIT::subject).toList();
  }

  private List<String> recipientsOf(String subject) throws Exception {
    List<String> to = new java.util.ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (subject.equals(message.getSubject())) {
        Arrays.stream(message.getAllRecipients()).map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress())
            .forEach(to::add);
      }
    }
    return to;
  }

  private String bodyOf(String subject) throws Exception {
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (subject.equals(message.getSubject())) {
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
      }
    }
    throw new AssertionError("no mail " + subject);
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Task openTask(String pi, String taskKey) {
    Task task = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task %s", taskKey).isNotNull();
    return task;
  }

  private void complete(String pi, String taskKey, Map<String, Object> variables) {
    tasks.complete(openTask(pi, taskKey).getId(), variables);
  }
}
