package io.incidentflow.intake;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Monitoring's view of IncidentFlow, over HTTP, on PostgreSQL: one problem, one incident. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AlertIntakeIT {

  static final String TOKEN = "demo-intake-token";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;
  @Autowired JobDriver jobs;
  @Autowired AlertActivitySync sync;
  @Autowired RepeatWriter repeats;
  @Autowired ObjectMapper json;

  // ------------------------------------------------------------------ Alertmanager

  @Test
  void shouldOpenOneIncidentForAnAlertmanagerGroupAndCorrelateItsResends() throws Exception {
    String message = resource("alertmanager-firing.json").replace("a1b2c3d4e5f60718", "group1alert00001")
        .replace("b2c3d4e5f6071829", "group1alert00002").replace("HighErrorRate\\\"}", "HighErrorRate1\\\"}");

    ResponseEntity<JsonNode> first = alertmanager(message);
    ResponseEntity<JsonNode> resend = alertmanager(message);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode results = first.getBody().get("alerts");
    assertThat(results.get(0).get("outcome").asText()).isEqualTo("OPENED");
    assertThat(results.get(1).get("outcome").asText()).isEqualTo("CORRELATED");
    String incidentId = results.get(0).get("incidentId").asText();
    assertThat(results.get(1).get("incidentId").asText()).isEqualTo(incidentId);
    assertThat(resend.getBody().get("alerts")).allSatisfy(result -> {
      assertThat(result.get("outcome").asText()).isEqualTo("CORRELATED");
      assertThat(result.get("incidentId").asText()).isEqualTo(incidentId);
    });
    assertThat(instancesOf(incidentId)).hasSize(1);
    ProcessInstance instance = instancesOf(incidentId).get(0);
    jobs.runDueJobs(instance.getId());
    assertThat(runtime.getVariable(instance.getId(), SEVERITY)).isEqualTo("SEV1");
    assertThat(runtime.getVariable(instance.getId(), TITLE)).isEqualTo("Checkout returns 5xx for more than 5% of requests");
    assertThat(runtime.getVariable(instance.getId(), REPORTER)).isEqualTo("alertmanager");

    // Every alert is stored with its raw payload and the incident it went to.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM alert WHERE incident_id = :id").param("id", incidentId)
        .query(Long.class).single()).isEqualTo(4);
    assertThat(jdbc.sql("SELECT payload FROM alert WHERE dedup_key = 'alertmanager:group1alert00001' ORDER BY id LIMIT 1")
        .query(String.class).single()).contains("checkout-1:8080");

    // A few seconds later the repeats show on the incident.
    sync.refresh();
    assertThat(runtime.getVariable(instance.getId(), ALERT_COUNT)).isEqualTo(4L);
    assertThat((String) runtime.getVariable(instance.getId(), ALERTS))
        .contains("alertmanager:group1alert00001, 2 alerts").contains("alertmanager:group1alert00002, 2 alerts");
  }

  /** Firing and resolved message of the same alerts, as real senders send them (intake/README.md). */
  static Stream<Arguments> realSenders() {
    return Stream.of(
        Arguments.of("alertmanager-0.25-firing.json", "alertmanager-0.25-resolved.json"),
        Arguments.of("alertmanager-0.25-amtool-firing.json", "alertmanager-0.25-amtool-resolved.json"),
        Arguments.of("alertmanager-0.26-firing.json", "alertmanager-0.26-resolved.json"),
        Arguments.of("alertmanager-0.27-firing.json", "alertmanager-0.27-resolved.json"),
        Arguments.of("alertmanager-0.28-firing.json", "alertmanager-0.28-resolved.json"),
        Arguments.of("grafana-11-webhook-firing.json", "grafana-11-webhook-resolved.json"),
        Arguments.of("grafana-10-webhook-nodata-firing.json", "grafana-10-webhook-nodata-resolved.json"));
  }

  @ParameterizedTest(name = "{0}, then {1}")
  @MethodSource("realSenders")
  void shouldOpenOneIncidentForWhatARealSenderSendsAndReportItsRecoveryFromTheResolvedMessage(String firing,
      String resolved) throws Exception {
    ResponseEntity<JsonNode> opened = alertmanager(resource(firing));
    ResponseEntity<JsonNode> resent = alertmanager(resource(firing));

    assertThat(opened.getStatusCode()).as(String.valueOf(opened.getBody())).isEqualTo(HttpStatus.OK);
    JsonNode alerts = json.readTree(resource(firing)).get("alerts");
    JsonNode results = opened.getBody().get("alerts");
    assertThat(results).hasSize(alerts.size());
    assertThat(results.get(0).get("outcome").asText()).isEqualTo("OPENED");
    String incidentId = results.get(0).get("incidentId").asText();
    for (int i = 0; i < alerts.size(); i++) {
      String dedupKey = "alertmanager:" + alerts.get(i).get("fingerprint").asText();
      assertThat(results.get(i).get("outcome").asText()).as("alert %d", i).isIn("OPENED", "CORRELATED");
      assertThat(results.get(i).get("incidentId").asText()).as("the group's one incident").isEqualTo(incidentId);
      assertThat(resent.getBody().at("/alerts/" + i + "/outcome").asText()).as("resent").isEqualTo("CORRELATED");
      assertThat(jdbc.sql("SELECT incident_id FROM open_alert WHERE dedup_key = :key").param("key", dedupKey)
          .query(String.class).list()).as("the incident of %s", dedupKey).containsExactly(incidentId);
    }
    assertThat(instancesOf(incidentId)).hasSize(1);

    ResponseEntity<JsonNode> ended = alertmanager(resource(resolved));

    assertThat(ended.getStatusCode()).as(String.valueOf(ended.getBody())).isEqualTo(HttpStatus.OK);
    JsonNode endings = ended.getBody().get("alerts");
    assertThat(endings.get(endings.size() - 1).get("outcome").asText()).as("the last alert of the incident resolved")
        .isEqualTo("RECOVERY_REPORTED");
    assertThat(endings).allSatisfy(result -> assertThat(result.get("incidentId").asText()).isEqualTo(incidentId));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM open_alert WHERE incident_id = :id AND resolved_at IS NULL")
        .param("id", incidentId).query(Long.class).single()).as("alerts of the incident still firing").isZero();
    assertThat(runtime.getVariable(instancesOf(incidentId).get(0).getId(), MONITORING_RECOVERED)).isEqualTo(true);
  }

  @Test
  void shouldOpenGrafanasContactPointTestNotificationOnTheCatchAllService() throws Exception {
    ResponseEntity<JsonNode> response = alertmanager(resource("grafana-11-webhook-test-notification.json"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode result = response.getBody().at("/alerts/0");
    assertThat(result.get("outcome").asText()).isEqualTo("OPENED");
    assertThat(result.get("note").asText()).startsWith("alerts[0].labels.service is missing");
    ProcessInstance instance = instancesOf(result.get("incidentId").asText()).get(0);
    jobs.runDueJobs(instance.getId());
    assertThat(runtime.getVariable(instance.getId(), SERVICE_ID)).isEqualTo("unrouted");
    assertThat(runtime.getVariable(instance.getId(), TITLE)).isEqualTo("Notification test");
  }

  @Test
  void shouldHandleEachAlertOfAMixedMessageByItsOwnStatus() throws Exception {
    ResponseEntity<JsonNode> opened = alertmanager(firing("mixed0000000001", "search"));
    String incidentId = opened.getBody().at("/alerts/0/incidentId").asText();

    String mixed = """
        {"version": "4", "status": "firing", "receiver": "incidentflow", "groupKey": "{}:{alertname=\\"Mixed\\"}",
         "alerts": [
           {"status": "resolved", "labels": {"alertname": "Slow", "service": "search"}, "fingerprint": "mixed0000000001"},
           {"status": "firing", "labels": {"alertname": "Down", "service": "login", "severity": "warning"},
            "annotations": {"summary": "Login is down"}, "fingerprint": "mixed0000000002"}
         ]}""";
    JsonNode results = alertmanager(mixed).getBody().get("alerts");

    assertThat(results.get(0).get("outcome").asText()).isEqualTo("RECOVERY_REPORTED");
    assertThat(results.get(0).get("incidentId").asText()).isEqualTo(incidentId);
    assertThat(results.get(1).get("outcome").asText()).isEqualTo("OPENED");
    assertThat(results.get(1).get("incidentId").asText()).isNotEqualTo(incidentId);
    ProcessInstance first = instancesOf(incidentId).get(0);
    assertThat(runtime.getVariable(first.getId(), MONITORING_RECOVERED)).isEqualTo(true);
  }

  @Test
  void shouldOpenANewIncidentWhenAResolvedProblemFiresAgain() throws Exception {
    String incidentId = alertmanager(firing("refire0000000001", "checkout")).getBody().at("/alerts/0/incidentId").asText();
    ProcessInstance instance = instancesOf(incidentId).get(0);
    walkToResolution(instance);

    alertmanager(resolved("refire0000000001", "checkout"));
    Task confirm = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_CONFIRM_RECOVERY).singleResult();
    assertThat(confirm).as("a technician is asked to confirm the recovery").isNotNull();
    tasks.complete(confirm.getId(), Map.of(RECOVERY_CONFIRMED, true));

    JsonNode refire = alertmanager(firing("refire0000000001", "checkout")).getBody().at("/alerts/0");
    assertThat(refire.get("outcome").asText()).isEqualTo("OPENED");
    assertThat(refire.get("incidentId").asText()).isNotEqualTo(incidentId);
  }

  @Test
  void shouldForgetAReportedRecoveryWhenTheAlertFiresAgain() throws Exception {
    String incidentId = alertmanager(firing("flap000000000001", "search")).getBody().at("/alerts/0/incidentId").asText();
    ProcessInstance instance = instancesOf(incidentId).get(0);
    alertmanager(resolved("flap000000000001", "search"));
    assertThat(runtime.getVariable(instance.getId(), MONITORING_RECOVERED)).isEqualTo(true);

    JsonNode again = alertmanager(firing("flap000000000001", "search")).getBody().at("/alerts/0");

    assertThat(again.get("outcome").asText()).isEqualTo("CORRELATED");
    assertThat(runtime.getVariable(instance.getId(), MONITORING_RECOVERED)).isEqualTo(false);
  }

  @Test
  void shouldOpenExactlyOneIncidentFor16ConcurrentCopiesOfANewAlert() throws Exception {
    String message = firing("concurrent000001", "login");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      answers.add(pool.submit((Callable<ResponseEntity<JsonNode>>) () -> {
        start.await();
        return alertmanager(message);
      }));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    List<String> incidentIds = new ArrayList<>();
    for (Future<ResponseEntity<JsonNode>> answer : answers) {
      ResponseEntity<JsonNode> response = answer.get();
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
      outcomes.add(response.getBody().at("/alerts/0/outcome").asText());
      incidentIds.add(response.getBody().at("/alerts/0/incidentId").asText());
    }
    pool.shutdown();

    assertThat(outcomes).containsOnlyOnce("OPENED");
    assertThat(incidentIds).containsOnly(incidentIds.get(0));
    assertThat(instancesOf(incidentIds.get(0))).hasSize(1);
    jobs.runDueJobs(instancesOf(incidentIds.get(0)).get(0).getId());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM incident WHERE id = :id").param("id", incidentIds.get(0))
        .query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM alert WHERE dedup_key = 'alertmanager:concurrent000001'")
        .query(Long.class).single()).isEqualTo(16);
  }

  @Test
  void shouldRejectAnAlertWithALineBreakInALabelAndKeepTheOthersOfTheMessage() throws Exception {
    String message = """
        {"version": "4", "status": "firing", "alerts": [
           {"status": "firing", "labels": {"alertname": "Evil\\r\\nX-Injected: 1", "service": "checkout"}, "fingerprint": "evil000000000001"},
           {"status": "firing", "labels": {"alertname": "Fine", "service": "checkout"}, "fingerprint": "fine000000000001"}
         ]}""";

    JsonNode results = alertmanager(message).getBody().get("alerts");

    assertThat(results.get(0).get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(results.get(0).get("errors").get(0).asText())
        .isEqualTo("alerts[0].labels.alertname: must not contain line breaks or other control characters");
    assertThat(results.get(1).get("outcome").asText()).isEqualTo("OPENED");
  }

  @Test
  void shouldAnswer400NamingTheFieldWhenNoAlertCanBeReadAndStartNothing() throws Exception {
    long before = runtime.createProcessInstanceQuery().count();
    String message = """
        {"version": "4", "alerts": [{"status": "burning", "labels": "service=checkout"}]}""";

    ResponseEntity<JsonNode> response = alertmanager(message);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("errors")).extracting(JsonNode::asText).containsExactly(
        "alerts[0].status: must be \"firing\" or \"resolved\", not \"burning\"",
        "alerts[0].labels: is required and must be an object");
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void shouldOpenAnAlertOfAnUnknownServiceOnTheCatchAllServiceForTheIncidentManagersAndSaySo() throws Exception {
    String message = """
        {"version": "4", "alerts": [{"status": "firing", "labels": {"alertname": "InvoiceQueueStuck", "service": "billing"},
                                     "fingerprint": "unrouted00000001"}]}""";

    ResponseEntity<JsonNode> response = alertmanager(message);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode result = response.getBody().get("alerts").get(0);
    assertThat(result.get("outcome").asText()).isEqualTo("OPENED");
    assertThat(result.get("note").asText()).isEqualTo("alerts[0].labels.service 'billing' names no service of the "
        + "catalog: opened on the catch-all service 'unrouted'");
    ProcessInstance instance = instancesOf(result.get("incidentId").asText()).get(0);
    jobs.runDueJobs(instance.getId());
    assertThat(runtime.getVariable(instance.getId(), SERVICE_ID)).isEqualTo("unrouted");
    assertThat((String) runtime.getVariable(instance.getId(), DESCRIPTION)).contains("'billing'");
    Task acknowledge = tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(TASK_ACKNOWLEDGE_INCIDENT).singleResult();
    assertThat(tasks.getIdentityLinksForTask(acknowledge.getId())).extracting(link -> link.getGroupId())
        .contains("incident-managers");
  }

  @Test
  void shouldOpenAGenericAlertWithoutAServiceOnTheCatchAllService() {
    ResponseEntity<JsonNode> response = generic("""
        {"summary": "Nightly export failed"}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(response.getBody().get("note").asText()).startsWith("service is missing: opened on the catch-all");
  }

  @Test
  void shouldAnswer400ForMalformedJson() {
    ResponseEntity<JsonNode> response = alertmanager("{\"version\": \"4\", \"alerts\": [");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("errors").get(0).asText()).startsWith("body: is not valid JSON");
  }

  @Test
  void shouldAnswer401WithoutTheToken() {
    HttpHeaders headers = jsonHeaders();
    ResponseEntity<String> none = http.postForEntity("/api/alerts/alertmanager", new HttpEntity<>("{}", headers), String.class);
    headers.setBearerAuth("wrong-token");
    ResponseEntity<String> wrong = http.postForEntity("/api/alerts", new HttpEntity<>("{}", headers), String.class);

    assertThat(none.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(wrong.getBody()).contains("Authorization");
  }

  @Test
  void shouldPublishAnOpenApiDescriptionOfTheIntakeEndpoints() {
    String description = http.withBasicAuth("ivy", "demo").getForObject("/v3/api-docs", String.class);

    assertThat(description).contains("/api/alerts/alertmanager", "/api/pagerduty/v2/enqueue", "\"/api/alerts\"")
        .doesNotContain("/engine-rest");
  }

  // ------------------------------------------------------------------ PagerDuty Events API v2

  @Test
  void shouldAcceptPagerDutysDocumentedTriggerAndAcknowledgeAndResolveIt() throws Exception {
    String trigger = resource("pagerduty-trigger.json");

    ResponseEntity<JsonNode> triggered = pagerDuty(trigger);
    ResponseEntity<JsonNode> repeated = pagerDuty(trigger);

    assertThat(triggered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(triggered.getBody()).isEqualTo(json.readTree(
        "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"samplekeyhere\"}"));
    assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String incidentId = jdbc.sql("SELECT incident_id FROM open_alert WHERE dedup_key = :key")
        .param("key", "pagerduty:cafe0000000000000000000000000002:samplekeyhere").query(String.class).single();
    ProcessInstance instance = instancesOf(incidentId).get(0);
    jobs.runDueJobs(instance.getId());
    assertThat(runtime.getVariable(instance.getId(), SERVICE_ID)).isEqualTo("search");
    assertThat((String) runtime.getVariable(instance.getId(), DESCRIPTION)).contains("Component: mysql", "free space");
    assertThat(runtime.getVariable(instance.getId(), ALERT_COUNT)).as("the repeat before registration counted").isEqualTo(2L);

    pagerDuty("""
        {"routing_key": "cafe0000000000000000000000000002", "event_action": "acknowledge", "dedup_key": "samplekeyhere"}""");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_ACKNOWLEDGE_INCIDENT).count()).isZero();
    assertThat(runtime.getVariable(instance.getId(), ACKNOWLEDGED_BY)).isEqualTo("pagerduty");
    assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).count())
        .as("paging stopped").isZero();

    ResponseEntity<JsonNode> resolved = pagerDuty("""
        {"routing_key": "cafe0000000000000000000000000002", "event_action": "resolve", "dedup_key": "samplekeyhere"}""");
    assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(runtime.getVariable(instance.getId(), MONITORING_RECOVERED)).isEqualTo(true);
  }

  @Test
  void shouldGenerateAndReturnADedupKeyForATriggerWithoutOne() throws Exception {
    String trigger = resource("pagerduty-trigger.json").replace("\"dedup_key\": \"samplekeyhere\",", "");

    ResponseEntity<JsonNode> response = pagerDuty(trigger);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(response.getBody().get("dedup_key").asText()).hasSize(32).isNotEqualTo("samplekeyhere");
  }

  @Test
  void shouldAnswerAnInvalidEventAsPagerDutyDoesNamingEachField() {
    ResponseEntity<JsonNode> response = pagerDuty("""
        {"routing_key": "short", "event_action": "trigger", "payload": {"summary": "x", "severity": "bad"}}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("status").asText()).isEqualTo("invalid event");
    assertThat(response.getBody().get("message").asText()).isEqualTo("Event object is invalid");
    assertThat(response.getBody().get("errors")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
        "routing_key: length is incorrect (should be 32 characters)",
        "payload.source: is required",
        "payload.severity: must be one of critical, error, warning, info");
  }

  @Test
  void shouldRefuseAnEventOver512KilobytesWith413() {
    String huge = "{\"routing_key\": \"cafe0000000000000000000000000002\", \"event_action\": \"trigger\", "
        + "\"payload\": {\"summary\": \"big\", \"source\": \"x\", \"severity\": \"info\", \"custom_details\": {\"blob\": \""
        + "x".repeat(600 * 1024) + "\"}}}";

    ResponseEntity<JsonNode> response = pagerDuty(huge);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
  }

  // ------------------------------------------------------------------ Generic

  @Test
  void shouldOpenAndResolveAnIncidentThroughTheGenericFormat() {
    ResponseEntity<JsonNode> opened = generic("""
        {"service": "login", "summary": "SSO login fails", "severity": "error", "dedupKey": "sso-1",
         "customerImpact": true, "details": {"region": "eu-west"}}""");

    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(opened.getBody().get("outcome").asText()).isEqualTo("OPENED");
    String incidentId = opened.getBody().get("incidentId").asText();
    ProcessInstance instance = instancesOf(incidentId).get(0);
    jobs.runDueJobs(instance.getId());
    assertThat(runtime.getVariable(instance.getId(), SEVERITY)).isEqualTo("SEV2");
    assertThat(runtime.getVariable(instance.getId(), CUSTOMER_IMPACT)).isEqualTo(true);

    ResponseEntity<JsonNode> resolved = generic("{\"service\": \"login\", \"dedupKey\": \"sso-1\", \"status\": \"resolved\"}");
    assertThat(resolved.getBody().get("outcome").asText()).isEqualTo("RECOVERY_REPORTED");
  }

  @Test
  void shouldStoreARepeatOfAKeySeenHeldTogetherWithOthersButANewProblemOnlyOnItsFullPath() {
    String alert = """
        {"service": "login", "summary": "Token refresh slow", "severity": "warning", "dedupKey": "token-slow"}""";
    long grouped = repeats.repeats();

    ResponseEntity<JsonNode> opened = generic(alert);
    assertThat(repeats.repeats()).as("repeats stored by RepeatWriter after a new problem").isEqualTo(grouped);
    ResponseEntity<JsonNode> repeat = generic(alert);

    assertThat(opened.getBody().get("outcome").asText()).isEqualTo("OPENED");
    assertThat(repeat.getBody().get("outcome").asText()).isEqualTo("CORRELATED");
    assertThat(repeat.getBody().get("incidentId")).isEqualTo(opened.getBody().get("incidentId"));
    assertThat(repeats.repeats()).as("repeats stored by RepeatWriter after the repeat").isEqualTo(grouped + 1);
  }

  @Test
  void shouldNameEachBadFieldOfAGenericAlert() {
    ResponseEntity<JsonNode> response = generic("""
        {"service": "nope", "severity": "apocalyptic", "customerImpact": "yes"}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("errors")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
        "summary: is required",
        "severity: must be one of critical, error, warning, info", "customerImpact: must be true or false");
  }

  // ------------------------------------------------------------------

  private void walkToResolution(ProcessInstance instance) {
    jobs.runDueJobs(instance.getId());
    completeTask(instance, TASK_ACKNOWLEDGE_INCIDENT, Map.of());
    completeTask(instance, TASK_SCOPE_INCIDENT, Map.of(SEVERITY, "SEV2", CUSTOMER_IMPACT, false, IMPACT_DESCRIPTION, "x"));
    jobs.runDueJobs(instance.getId());
  }

  private void completeTask(ProcessInstance instance, String key, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    tasks.complete(task.getId(), variables);
  }

  private List<ProcessInstance> instancesOf(String incidentId) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentId).list();
  }

  private static String firing(String fingerprint, String service) {
    return message("firing", fingerprint, service);
  }

  private static String resolved(String fingerprint, String service) {
    return message("resolved", fingerprint, service);
  }

  private static String message(String status, String fingerprint, String service) {
    return """
        {"version": "4", "status": "%s", "receiver": "incidentflow", "groupKey": "{}:{fp=\\"%s\\"}",
         "alerts": [{"status": "%s", "labels": {"alertname": "Probe", "service": "%s", "severity": "warning"},
                     "annotations": {"summary": "%s probe fails"}, "fingerprint": "%s"}]}"""
        .formatted(status, fingerprint, status, service, service, fingerprint);
  }

  private ResponseEntity<JsonNode> alertmanager(String body) {
    HttpHeaders headers = jsonHeaders();
    headers.setBearerAuth(TOKEN);
    return http.postForEntity("/api/alerts/alertmanager", new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> generic(String body) {
    HttpHeaders headers = jsonHeaders();
    headers.setBearerAuth(TOKEN);
    return http.postForEntity("/api/alerts", new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> pagerDuty(String body) {
    return http.postForEntity("/api/pagerduty/v2/enqueue", new HttpEntity<>(body, jsonHeaders()), JsonNode.class);
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = AlertIntakeIT.class.getResourceAsStream("/intake/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
