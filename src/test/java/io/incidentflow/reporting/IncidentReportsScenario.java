package io.incidentflow.reporting;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.JobDriver;
import io.incidentflow.incident.IncidentTimesMigration;
import io.incidentflow.incident.TestIncidents;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The incident report through the whole application: three SEV1 checkout incidents run through the real process on
 * the engine's clock, so every figure is exact. Checkout costs 120.00 EUR a minute (application.yaml); SEV1
 * targets: acknowledge 5 min, scope 15 min, resolve 1 h, workaround 30 min. Run on PostgreSQL
 * ({@link IncidentReportsIT}) and H2 ({@link IncidentReportsOnH2IT}): the report's SQL must work on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IncidentReportsScenario {

  /** A Monday far from every other test's incidents. */
  static final Instant T0 = Instant.parse("2031-03-03T10:00:00Z");
  static final String PERIOD = "from=2031-03-03T00:00:00Z&to=2031-03-04T00:00:00Z";
  static final String REPORT = "/api/staff/reports/incidents?" + PERIOD + "&service=checkout";

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JobDriver jobs;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;

  /** The three incidents' process instances. */
  private List<String> instances;

  @BeforeAll
  void runThreeIncidents() {
    // A: acknowledged after exactly 4 minutes, scoped at 10, resolved after exactly 50: every target met.
    String a = start(T0);
    complete(a, T0.plus(minutes(4)), TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    complete(a, T0.plus(minutes(10)), TASK_SCOPE_INCIDENT, Map.of(SEVERITY, "SEV1", CUSTOMER_IMPACT, false));
    complete(a, T0.plus(minutes(50)), TASK_RESOLVE_INCIDENT,
        Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED, RESOLUTION_SUMMARY, "Restarted"));

    // B: acknowledged after 6 minutes (late), cannot resolve at 20, workaround applied at 25 (mitigated),
    // resolved at 70 (the resolve clock started at scope, minute 8: due at 68, late).
    Instant t1 = T0.plus(Duration.ofHours(2));
    String b = start(t1);
    complete(b, t1.plus(minutes(6)), TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    complete(b, t1.plus(minutes(8)), TASK_SCOPE_INCIDENT, Map.of(SEVERITY, "SEV1", CUSTOMER_IMPACT, false));
    complete(b, t1.plus(minutes(20)), TASK_RESOLVE_INCIDENT, Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    complete(b, t1.plus(minutes(25)), TASK_APPLY_WORKAROUND,
        Map.of(WORKAROUND_DESCRIPTION, "Invoice-only mode", WORKAROUND_MOVED_USERS, false));
    complete(b, t1.plus(minutes(70)), TASK_RESOLVE_INCIDENT,
        Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED, RESOLUTION_SUMMARY, "Renewed the certificate"));

    // C: never acknowledged; the report is asked 10 minutes after it opened, past its acknowledge target.
    Instant t2 = T0.plus(Duration.ofHours(4));
    String c = start(t2);
    ClockUtil.setCurrentTime(Date.from(t2.plus(minutes(10))));
    instances = List.of(a, b, c);
    for (String pi : instances) {
      jobs.assertNoFailedJobs(pi);
    }
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldReportExactResponseTimesSlasDowntimeAndCostAsJson() throws Exception {
    ResponseEntity<String> answer = as("max").getForEntity(REPORT, String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode report = json.readTree(answer.getBody());
    assertThat(report.get("currency").asText()).isEqualTo("EUR");
    assertThat(report.get("groups")).hasSize(1);
    JsonNode total = report.get("total");
    for (JsonNode figures : List.of(report.get("groups").get(0), total)) {
      assertThat(figures.get("incidents").asInt()).isEqualTo(3);
      // MTTA over A and B (240 s, 360 s); C never acknowledged, counted apart.
      assertThat(figures.at("/mtta/count").asInt()).isEqualTo(2);
      assertThat(figures.at("/mtta/meanSeconds").decimalValue()).isEqualByComparingTo("300.0");
      assertThat(figures.at("/mtta/p90Seconds").asLong()).isEqualTo(360);
      assertThat(figures.get("notAcknowledged").asInt()).isEqualTo(1);
      // MTTR over A and B (3000 s, 4200 s); C unresolved.
      assertThat(figures.at("/mttr/meanSeconds").decimalValue()).isEqualByComparingTo("3600.0");
      assertThat(figures.at("/mttr/p90Seconds").asLong()).isEqualTo(4200);
      assertThat(figures.get("unresolved").asInt()).isEqualTo(1);
      // Mitigated: A at its resolution (3000 s), B at its workaround (1500 s).
      assertThat(figures.at("/timeToMitigate/meanSeconds").decimalValue()).isEqualByComparingTo("2250.0");
      assertThat(figures.at("/timeToMitigate/p90Seconds").asLong()).isEqualTo(3000);
      assertThat(figures.get("notMitigated").asInt()).isEqualTo(1);
      // Downtime 50 + 70 minutes at 120.00 EUR a minute.
      assertThat(figures.get("downtimeMinutes").decimalValue()).isEqualByComparingTo("120.00");
      assertThat(figures.get("downtimeCost").decimalValue()).isEqualByComparingTo("14400.00");
    }
    assertThat(report.at("/groups/0/service").asText()).isEqualTo("checkout");
    assertThat(report.at("/groups/0/severity").asText()).isEqualTo("SEV1");
    assertThat(step(total, "acknowledge")).as("A met; B late; C running past its target")
        .isEqualTo(List.of(1L, 2L, 0L));
    assertThat(step(total, "scope")).isEqualTo(List.of(2L, 0L, 0L));
    assertThat(step(total, "resolve")).as("A within the hour, B after 62 minutes").isEqualTo(List.of(1L, 1L, 0L));
    assertThat(step(total, "workaround")).isEqualTo(List.of(1L, 0L, 0L));
  }

  /**
   * Acknowledgement and fallback are kept on the incident: incidents from before they were (V16) get them from
   * the history once, and the report still has them after history cleanup (180 days) removed the activity history.
   */
  @Test
  void shouldKeepAcknowledgementAndFallbackWhenTheHistoryIsCleanedUp() throws Exception {
    // written by the process when it got there: A acknowledged at minute 4, B at 6 and its workaround at 25
    assertThat(jdbc.sql("SELECT acknowledged_at FROM incident WHERE process_instance_id IN (:pis) ORDER BY opened_at")
        .param("pis", instances).query(java.sql.Timestamp.class).list())
        .extracting(time -> time == null ? null : time.toInstant())
        .containsExactly(T0.plus(minutes(4)), T0.plus(Duration.ofHours(2)).plus(minutes(6)), null);
    assertThat(jdbc.sql("SELECT fallback_at FROM incident WHERE process_instance_id IN (:pis) ORDER BY opened_at")
        .param("pis", instances).query(java.sql.Timestamp.class).list())
        .extracting(time -> time == null ? null : time.toInstant())
        .containsExactly(null, T0.plus(Duration.ofHours(2)).plus(minutes(25)), null);

    jdbc.sql("UPDATE incident SET acknowledged_at = NULL, fallback_at = NULL WHERE process_instance_id IN (:pis)")
        .param("pis", instances).update();
    try (Connection connection = dataSource.getConnection()) {
      assertThat(IncidentTimesMigration.backfill(connection)).isGreaterThanOrEqualTo(3);
    }
    assertResponseTimes("filled in from the history");

    int removed = jdbc.sql("DELETE FROM act_hi_actinst WHERE proc_inst_id_ IN (:pis)").param("pis", instances).update();
    assertThat(removed).isPositive();
    assertResponseTimes("after the activity history was removed");
  }

  private void assertResponseTimes(String when) throws Exception {
    JsonNode total = json.readTree(as("max").getForEntity(REPORT, String.class).getBody()).get("total");
    assertThat(total.at("/mtta/count").asInt()).as(when).isEqualTo(2);
    assertThat(total.at("/mtta/meanSeconds").decimalValue()).as(when).isEqualByComparingTo("300.0");
    assertThat(total.get("notAcknowledged").asInt()).as(when).isEqualTo(1);
    assertThat(total.at("/timeToMitigate/meanSeconds").decimalValue()).as(when).isEqualByComparingTo("2250.0");
    assertThat(total.at("/timeToMitigate/p90Seconds").asLong()).as(when).isEqualTo(3000);
    assertThat(total.get("notMitigated").asInt()).as(when).isEqualTo(1);
  }

  @Test
  void shouldCountOnlyTheServiceSeverityAndPeriodAskedFor() throws Exception {
    for (String query : List.of(PERIOD + "&service=search", PERIOD + "&severity=SEV2",
        "from=2031-03-03T14:00:01Z&to=2031-03-04T00:00:00Z")) {
      JsonNode report = json.readTree(as("ivy").getForEntity("/api/staff/reports/incidents?" + query, String.class)
          .getBody());
      assertThat(report.get("groups")).as(query).isEmpty();
      assertThat(report.at("/total/incidents").asInt()).as(query).isZero();
      assertThat(report.at("/total/mtta/meanSeconds").isNull()).as(query).isTrue();
      assertThat(report.at("/total/downtimeCost").decimalValue()).as(query).isEqualByComparingTo("0");
    }
    // [from, to): C opened at 14:00 exactly, the only one from then on.
    JsonNode fromC = json.readTree(as("ivy").getForEntity(
        "/api/staff/reports/incidents?from=2031-03-03T14:00:00Z&to=2031-03-04", String.class).getBody());
    assertThat(fromC.at("/total/incidents").asInt()).isEqualTo(1);
    assertThat(fromC.at("/total/notAcknowledged").asInt()).isEqualTo(1);
  }

  @Test
  void shouldGiveTheSameAsCsvByAcceptHeaderAndBySuffix() {
    HttpHeaders accept = new HttpHeaders();
    accept.set(HttpHeaders.ACCEPT, "text/csv");
    ResponseEntity<String> byHeader = as("ivy").exchange(REPORT, HttpMethod.GET, new HttpEntity<>(accept), String.class);
    ResponseEntity<String> bySuffix = as("max").getForEntity(
        "/api/staff/reports/incidents.csv?" + PERIOD + "&service=checkout", String.class);

    assertThat(byHeader.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(byHeader.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(bySuffix.getBody()).isEqualTo(byHeader.getBody());
    List<String> lines = List.of(byHeader.getBody().split("\r\n"));
    assertThat(lines).hasSize(3);
    Map<String, String> total = row(lines.get(0), lines.get(2));
    assertThat(lines.get(1)).startsWith("group,checkout,SEV1,3,");
    assertThat(total).containsEntry("row", "total").containsEntry("incidents", "3")
        .containsEntry("mtta_count", "2").containsEntry("mtta_mean_s", "300.0").containsEntry("mtta_p90_s", "360")
        .containsEntry("not_acknowledged", "1")
        .containsEntry("mttr_mean_s", "3600.0").containsEntry("mttr_p90_s", "4200").containsEntry("unresolved", "1")
        .containsEntry("ttm_mean_s", "2250.0").containsEntry("ttm_p90_s", "3000")
        .containsEntry("downtime_minutes", "120.00").containsEntry("downtime_cost", "14400.00")
        .containsEntry("currency", "EUR")
        .containsEntry("sla_acknowledge_met", "1").containsEntry("sla_acknowledge_breached", "2")
        .containsEntry("sla_resolve_met", "1").containsEntry("sla_resolve_breached", "1");
  }

  @Test
  void shouldLetManagersAndIncidentManagersInAndNobodyElse() {
    assertThat(as("max").getForEntity(REPORT, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as("ivy").getForEntity(REPORT, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    for (String user : List.of("tom", "cora", "pat")) {
      ResponseEntity<String> refused = as(user).getForEntity(REPORT, String.class);
      assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).contains("managers", "incident-managers");
    }
    ResponseEntity<String> csv = as("tom").getForEntity("/api/staff/reports/incidents.csv?" + PERIOD, String.class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity(REPORT, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldDrawTheReportAsAPageWithChartsForManagersAndIncidentManagersOnly() {
    String page = "/api/staff/reports/incidents.html?" + PERIOD + "&service=checkout";
    ResponseEntity<String> drawn = as("max").getForEntity(page, String.class);
    assertThat(drawn.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(drawn.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.TEXT_HTML))
        .isTrue();
    // One group (checkout · SEV1): its bars are the longest, its figures those of the JSON report.
    assertThat(drawn.getBody()).contains("Mean time to acknowledge (MTTA)", "Mean time to resolve (MTTR)",
        "Downtime cost", "checkout · SEV1", "5.0 min", "60.0 min", "14400.00 EUR", "width=\"480\"",
        "incidents.csv?" + PERIOD.replace("&", "&amp;") + "&amp;service=checkout");
    assertThat(as("ivy").getForEntity(page, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as("tom").getForEntity(page, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("cora").getForEntity(page, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void shouldRefuseABadRequestNamingTheField() throws Exception {
    assertThat(errors(as("max").getForEntity("/api/staff/reports/incidents?from=yesterday", String.class)))
        .singleElement().asString().startsWith("from: ");
    assertThat(errors(as("max").getForEntity(
        "/api/staff/reports/incidents?from=2031-03-04T00:00:00Z&to=2031-03-03T00:00:00Z", String.class)))
        .containsExactly("to: must be after from");
    assertThat(errors(as("max").getForEntity("/api/staff/reports/incidents?" + PERIOD + "&service=billing",
        String.class))).singleElement().asString().startsWith("service: unknown service 'billing'");
  }

  private List<String> errors(ResponseEntity<String> answer) throws Exception {
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    return Arrays.stream(json.readValue(json.readTree(answer.getBody()).get("errors").toString(), String[].class))
        .toList();
  }

  private static List<Long> step(JsonNode figures, String clock) {
    for (JsonNode step : figures.get("sla")) {
      if (step.get("clock").asText().equals(clock)) {
        return List.of(step.get("met").asLong(), step.get("breached").asLong(), step.get("open").asLong());
      }
    }
    throw new AssertionError("no SLA step " + clock + " in " + figures.get("sla"));
  }

  private static Map<String, String> row(String header, String line) {
    String[] names = header.split(",", -1);
    String[] values = line.split(",", -1);
    assertThat(values).hasSameSizeAs(names);
    Map<String, String> row = new java.util.LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      row.put(names[i], values[i]);
    }
    return row;
  }

  private String start(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    String pi = runtime.startProcessInstanceByKey(PROCESS_KEY,
        TestIncidents.checkoutOutageWithCustomersAffected().severity("SEV1").customerImpact(false).variables())
        .getId();
    jobs.runDueJobs(pi);
    return pi;
  }

  /** At that time: completes the open task and runs the jobs that are due then. */
  private void complete(String pi, Instant at, String taskKey, Map<String, Object> variables) {
    ClockUtil.setCurrentTime(Date.from(at));
    Task task = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task %s at %s", taskKey, at).isNotNull();
    tasks.complete(task.getId(), variables);
    jobs.runDueJobs(pi);
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }
}
