package io.incidentflow.intake;

import static io.incidentflow.incident.IncidentVariables.MONITORING_RECOVERED;
import static io.incidentflow.incident.IncidentVariables.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.incident.IncidentProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) notifying IncidentFlow through its
 * webhook receiver: proves that what Alertmanager actually sends (its payload, its grouping, its bearer header,
 * its resolved notification) opens an incident and reports its recovery, not just our hand-written samples.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AlertmanagerBinaryIT {

  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final String ALERT_NAME = "CheckoutErrorRateBinaryIT";
  static final String NOT_INSTALLED =
      "prometheus-alertmanager is not installed: apt-get install prometheus-alertmanager (.ci/run installs it)";

  static Process alertmanager;
  static Path workDir;
  static URI alertmanagerUrl;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired IntakeProperties intake;
  @Autowired RuntimeService runtime;
  @Autowired JdbcClient jdbc;
  @Autowired JobDriver jobs;

  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** In CI a missing binary is a broken pipeline (CI installs the package): fail at once, before Spring starts. */
  @BeforeAll
  static void requireAlertmanagerInCi() {
    if ("true".equals(System.getenv("CI"))) {
      Assertions.assertTrue(Files.isExecutable(BINARY), NOT_INSTALLED);
    }
  }

  /** Needs the server's random port, which only the test instance knows; started once for the class. */
  @BeforeEach
  void startAlertmanager() throws Exception {
    // Here, not in @BeforeAll: Failsafe reports an assumption failed in @BeforeAll as no test at all, without
    // the message; failed here, it is a skipped test that says what to install.
    Assumptions.assumeTrue(Files.isExecutable(BINARY), NOT_INSTALLED);
    if (alertmanager != null) {
      return;
    }
    workDir = Files.createTempDirectory("alertmanager-it");
    Path config = workDir.resolve("alertmanager.yml");
    // Tiny group_wait/group_interval: the webhook fires within seconds, the resolved one too.
    // repeat_interval is long so that only the firing and the resolved notification are sent.
    // The token is the app's own (demo-intake-token unless INCIDENTFLOW_INTAKE_TOKEN says otherwise).
    Files.writeString(config, """
        route:
          receiver: incidentflow
          group_by: [alertname, service]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
          routes:
            # The Prometheus chain's alert is sent again every 2 s: repeats must join its one incident.
            - receiver: incidentflow
              matchers: ['alertname="%s"']
              repeat_interval: 2s
        receivers:
          - name: incidentflow
            webhook_configs:
              - url: "http://127.0.0.1:%d/api/alerts/alertmanager"
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: "%s"
        """.formatted(PROMETHEUS_ALERT, port, intake.token()));
    int apiPort = freePort();
    alertmanagerUrl = URI.create("http://127.0.0.1:" + apiPort);
    alertmanager = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + config,
        "--storage.path=" + workDir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + apiPort,
        // Empty disables clustering: no gossip port 9094 to collide on, no wait for peers before notifying.
        "--cluster.listen-address=")
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("alertmanager.log").toFile())
        .start();

    waitFor("Alertmanager to be ready", () -> {
      if (!alertmanager.isAlive()) {
        throw new AssertionError("Alertmanager exited with " + alertmanager.exitValue() + "\n" + alertmanagerLog());
      }
      return get("/-/ready").statusCode() == 200;
    });
  }

  @AfterAll
  static void stopAlertmanager() throws Exception {
    if (alertmanager != null) {
      alertmanager.destroy();
      if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      alertmanager = null;
    }
    if (workDir != null) {
      try (Stream<Path> files = Files.walk(workDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
      workDir = null;
    }
  }

  @Test
  void shouldOpenAnIncidentFromARealAlertmanagerAndReportItsRecovery() throws Exception {
    Instant startsAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    postAlert(ALERT_NAME, startsAt, null, GENERATOR_URL);

    // Alertmanager's own fingerprint of the alert is what IncidentFlow keys it by.
    String fingerprint = waitFor("Alertmanager to list the alert", () -> fingerprintInAlertmanager(ALERT_NAME));
    String dedupKey = AlertSource.ALERTMANAGER.scopedKey(fingerprint);
    String incidentId = waitFor("the webhook to open an incident", () -> jdbc.sql(
            "SELECT incident_id FROM alert WHERE source = 'ALERTMANAGER' AND dedup_key = :key AND incident_id IS NOT NULL")
        .param("key", dedupKey).query(String.class).list().stream().findFirst().orElse(null));

    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentId)
        .processDefinitionKey(IncidentProcess.PROCESS_KEY).singleResult();
    assertThat(instance).as("process instance of incident %s", incidentId).isNotNull();
    jobs.runDueJobs(instance.getId());
    assertThat(runtime.getVariable(instance.getId(), SERVICE_ID)).isEqualTo("checkout");
    assertThat(jdbc.sql("SELECT payload FROM alert WHERE dedup_key = :key ORDER BY id LIMIT 1")
        .param("key", dedupKey).query(String.class).single())
        .as("the payload Alertmanager sent").contains(ALERT_NAME, "http://prometheus.example/graph");

    // The same alert with endsAt in the past: Alertmanager resolves it and sends the resolved notification.
    postAlert(ALERT_NAME, startsAt, Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS), GENERATOR_URL);

    waitFor("the resolved notification to report the recovery",
        () -> Boolean.TRUE.equals(runtime.getVariable(instance.getId(), MONITORING_RECOVERED)));
    assertThat(jdbc.sql("SELECT outcome FROM alert WHERE dedup_key = :key AND status = 'RESOLVED'")
        .param("key", dedupKey).query(String.class).list()).contains("RECOVERY_REPORTED");
  }

  @Test
  void shouldOpenAnIncidentFromAnAlertPostedWithoutGeneratorUrlAsAmtoolDoes() throws Exception {
    // amtool, Grafana and scripts post no generatorURL: Alertmanager then sends "generatorURL": "".
    String name = "AmtoolCheckoutDown";
    postAlert(name, Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS), null, null);

    String dedupKey = AlertSource.ALERTMANAGER.scopedKey(
        waitFor("Alertmanager to list the alert", () -> fingerprintInAlertmanager(name)));
    String incidentId = waitFor("the webhook to open an incident", () -> jdbc.sql(
            "SELECT incident_id FROM alert WHERE source = 'ALERTMANAGER' AND dedup_key = :key AND incident_id IS NOT NULL")
        .param("key", dedupKey).query(String.class).list().stream().findFirst().orElse(null));

    assertThat(jdbc.sql("SELECT payload FROM alert WHERE dedup_key = :key ORDER BY id LIMIT 1")
        .param("key", dedupKey).query(String.class).single())
        .as("what Alertmanager really sent").contains("\"generatorURL\":\"\"");
    assertThat(incidentId).startsWith("INC-");
  }

  @Test
  void shouldOpenOneIncidentFromAPrometheusRuleThatFiresAndReportItsRecoveryWhenItStops() throws Exception {
    if ("true".equals(System.getenv("CI"))) {
      Assertions.assertTrue(Files.isExecutable(PROMETHEUS), PROMETHEUS_NOT_INSTALLED);
    }
    Assumptions.assumeTrue(Files.isExecutable(PROMETHEUS), PROMETHEUS_NOT_INSTALLED);
    Path rules = workDir.resolve("rules.yml");
    Files.writeString(rules, rule("vector(1)"));
    int promPort = freePort();
    Path config = workDir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          evaluation_interval: 1s
        rule_files: ["%s"]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ["%s"]
        """.formatted(rules, alertmanagerUrl.getAuthority()));
    Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + workDir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort,
        "--web.enable-lifecycle", "--rules.alert.resend-delay=1s")
        .redirectErrorStream(true).redirectOutput(workDir.resolve("prometheus.log").toFile()).start();
    try {
      String dedupKey = AlertSource.ALERTMANAGER.scopedKey(
          waitFor("Prometheus's alert to reach Alertmanager", () -> fingerprintInAlertmanager(PROMETHEUS_ALERT)));
      String incidentId = waitFor("the webhook to open an incident", () -> jdbc.sql(
              "SELECT incident_id FROM alert WHERE dedup_key = :key AND incident_id IS NOT NULL")
          .param("key", dedupKey).query(String.class).list().stream().findFirst().orElse(null));
      waitFor("Alertmanager to send the alert twice more", () -> jdbc.sql(
          "SELECT COUNT(*) FROM alert WHERE dedup_key = :key").param("key", dedupKey).query(Long.class).single() >= 3);
      assertThat(jdbc.sql("SELECT DISTINCT incident_id FROM alert WHERE dedup_key = :key AND status = 'FIRING'")
          .param("key", dedupKey).query(String.class).list()).as("one incident over the re-sends").containsExactly(incidentId);
      ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentId)
          .processDefinitionKey(IncidentProcess.PROCESS_KEY).singleResult();
      jobs.runDueJobs(instance.getId());

      // The rule stops firing: Prometheus resolves the alert, Alertmanager sends the resolved notification.
      Files.writeString(rules, rule("vector(1) unless vector(1)"));
      HttpResponse<String> reload = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promPort
          + "/-/reload")).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);

      waitFor("the resolved notification to report the recovery",
          () -> Boolean.TRUE.equals(runtime.getVariable(instance.getId(), MONITORING_RECOVERED)));
    } finally {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
  }

  private static String rule(String expression) {
    return """
        groups:
          - name: incidentflow-chain
            rules:
              - alert: %s
                expr: %s
                labels: {service: checkout, severity: warning}
                annotations: {summary: "Checkout's canary fails"}
        """.formatted(PROMETHEUS_ALERT, expression);
  }

  // ------------------------------------------------------------------

  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  static final String PROMETHEUS_ALERT = "PrometheusChainAlwaysFiring";
  static final String PROMETHEUS_NOT_INSTALLED = "prometheus is not installed: apt-get install prometheus (.ci/run installs it)";

  static final String GENERATOR_URL = "http://prometheus.example/graph?g0.expr=checkout_errors";

  /** Alertmanager's API v2, as Prometheus itself pushes alerts (with a generatorURL) or amtool does (without). */
  private void postAlert(String name, Instant startsAt, Instant endsAt, String generatorUrl) throws Exception {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("labels", Map.of("alertname", name, "service", "checkout", "severity", "critical"));
    alert.put("annotations", Map.of("summary", "Checkout returns 5xx for more than 5% of requests"));
    alert.put("startsAt", startsAt.toString());
    if (endsAt != null) {
      alert.put("endsAt", endsAt.toString());
    }
    if (generatorUrl != null) {
      alert.put("generatorURL", generatorUrl);
    }
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(alertmanagerUrl.resolve("/api/v2/alerts"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(List.of(alert))))
            .timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST /api/v2/alerts: %s", response.body()).isEqualTo(200);
  }

  private String fingerprintInAlertmanager(String name) throws Exception {
    HttpResponse<String> response = get("/api/v2/alerts");
    for (JsonNode alert : json.readTree(response.body())) {
      if (name.equals(alert.at("/labels/alertname").asText())) {
        return alert.get("fingerprint").asText();
      }
    }
    return null;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(alertmanagerUrl.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Awaits a non-null, non-false answer; on timeout, fails with Alertmanager's log, which says why. */
  private static <T> T waitFor(String what, Callable<T> answer) {
    try {
      return await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(IOException.class) // connection refused while Alertmanager starts
          .until(answer, value -> value != null && !Boolean.FALSE.equals(value));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Timed out waiting for " + what + ". Alertmanager's log:\n" + alertmanagerLog(), e);
    }
  }

  private static String alertmanagerLog() {
    Path log = workDir == null ? null : workDir.resolve("alertmanager.log");
    try {
      return log != null && Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
