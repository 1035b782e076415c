package io.incidentflow.routing;

import static io.incidentflow.incident.IncidentProcess.*;
import static io.incidentflow.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.incidentflow.FrozenEngineClock;
import io.incidentflow.JobDriver;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.bench.BeanAdvice;
import io.incidentflow.bench.CpuMeter;
import io.incidentflow.bench.LatencyRecorder;
import io.incidentflow.bench.LoadAverage;
import io.incidentflow.bench.MarkdownReport;
import io.incidentflow.bench.ProbeSwitch;
import io.incidentflow.incident.TestIncidents;
import io.incidentflow.routing.haproxy.HaproxyAddress;
import io.incidentflow.routing.haproxy.HaproxyRuntimeClient;
import io.incidentflow.routing.haproxy.HaproxyTestbed;
import io.incidentflow.routing.haproxy.ServerAdminState;
import io.incidentflow.routing.haproxy.ServerState;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInvocation;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reroute benchmark: time from "cannot resolve" to "users on backup" (the reroute step end to end through the
 * engine, with its verification) next to the raw time of the same HAProxy socket commands and of one minimal engine
 * transaction. Target: end to end &le; 1.5 &times; (raw commands + one engine transaction).
 *
 * <p>Same app setup as {@link HaproxyFallbackIT}: embedded PostgreSQL, the {@code test} profile (no job executor:
 * jobs are run with {@code ManagementService.executeJob}), checkout routed through a real HAProxy
 * ({@link HaproxyTestbed}). A benchmark, not a test: it asserts nothing about speed, only that every reroute really
 * moved users to the backup and back. Not matched by surefire's or failsafe's includes; run it with
 * {@code bench/reroute.sh}. Results go to stdout and {@code target/bench/reroute.md}.
 *
 * <p>For the breakdown of the end-to-end time, the benchmark wraps (in this test context only) the DataSource
 * (time and count of JDBC executes and commits), {@link TrafficRoutingService} and {@link TrafficChangeRepository}
 * (time spent in them). Only calls on the benchmark's own thread are counted. {@code -Dreroute.bench.probes=false}
 * turns the wrappers off, to check that they do not change the figures.
 */
@SpringBootTest(properties = "logging.level.root=WARN")
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// As HaproxyFallbackIT: the engine's clock stands still, so no SLA timer falls due during the run.
@ExtendWith(FrozenEngineClock.class)
class RerouteBenchmark {

  /** -Dreroute.bench.warmup and -Dreroute.bench.iterations shorten a run that only checks that the benchmark works. */
  static final int WARMUP = Integer.getInteger("reroute.bench.warmup", 100);
  static final int ITERATIONS = Integer.getInteger("reroute.bench.iterations", 100);
  static final String TX_PROCESS_KEY = "bench-reroute-tx";
  /** One engine transaction: completing the user task of start → user task → end. */
  static final BpmnModelInstance TX_PROCESS = Bpmn.createExecutableProcess(TX_PROCESS_KEY)
      .name("Benchmark: one engine transaction").camundaHistoryTimeToLive(1)
      .startEvent("Start")
      .userTask("Task_Wait")
      .endEvent("End")
      .done();

  @RegisterExtension
  static final ProbeSwitch PROBES = new ProbeSwitch("reroute.bench.probes");
  static final Path dir = HaproxyTestbed.tempDir("haproxy-reroute-bench");
  static HaproxyTestbed haproxy;

  @DynamicPropertySource
  static void catalog(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    // As HaproxyFallbackIT: checkout is routed through the test HAProxy (the other two are not used here).
    HaproxyTestbed.routeService(registry, 0, "checkout", "unix:" + dir.resolve("admin.sock"), HaproxyTestbed.PRIMARY);
    HaproxyTestbed.routeService(registry, 1, "search", "unix:" + dir.resolve("missing.sock"), HaproxyTestbed.PRIMARY);
    HaproxyTestbed.routeService(registry, 2, "login", "unix:" + dir.resolve("admin.sock"), "no-such-server");
  }

  @BeforeAll
  static void startHaproxy() throws IOException {
    if (!HaproxyTestbed.available()) {
      throw new IllegalStateException("The reroute benchmark needs HAProxy at " + HaproxyTestbed.HAPROXY
          + " (apt-get install haproxy)");
    }
    haproxy = HaproxyTestbed.start(dir);
  }

  @AfterAll
  static void stopHaproxy() throws InterruptedException, IOException {
    if (haproxy != null) {
      haproxy.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired JobDriver jobs;
  @Autowired JdbcClient jdbc;

  @Test
  void run() throws Exception {
    Instant started = Instant.now();
    loadAtStart = LoadAverage.oneMinute();
    cpuAtStart = cpu.sample();
    PROBES.countThisThread();
    assertThat(haproxy.get()).isEqualTo("primary");

    HaproxyRuntimeClient client = new HaproxyRuntimeClient(HaproxyAddress.unix(haproxy.adminSocket()),
        Duration.ofSeconds(2), Duration.ofSeconds(5));
    repository.createDeployment().name(TX_PROCESS_KEY).addModelInstance(TX_PROCESS_KEY + ".bpmn", TX_PROCESS).deploy();
    Phase raw = new Phase("1. Raw: `show servers state` + `set server checkout/checkout-1 state drain` + "
        + "`show servers state` (HaproxyRuntimeClient, unix socket)");
    Phase tx = new Phase("2. Engine transaction: `taskService.complete` of start → user task → end");
    EndToEnd e2e = new EndToEnd();
    // Interleaved rounds (raw, transaction, end to end): the machine is shared, so all three see the same
    // background load and the ratio stays meaningful when it changes during the run.
    for (int i = 0; i < WARMUP + ITERATIONS; i++) {
      boolean measured = i >= WARMUP;
      raw(client, measured ? raw : null);
      engineTransaction(measured ? tx : null);
      endToEnd(measured ? e2e : null);
    }

    report(raw, tx, e2e, started).publish("reroute");
  }

  // ------------------------------------------------------------------ 1. raw socket commands

  /** The router's command sequence for one reroute, on one client, without engine or database; null: warm-up. */
  private void raw(HaproxyRuntimeClient client, Phase phase) {
    String backend = HaproxyTestbed.BACKEND;
    String primary = HaproxyTestbed.PRIMARY;
    Counters c0 = Probe.snapshot();
    long t0 = System.nanoTime();
    List<ServerState> before = client.showServersState(backend);
    client.setServerState(backend, primary, ServerAdminState.DRAIN);
    List<ServerState> after = client.showServersState(backend);
    long t1 = System.nanoTime();
    Counters c1 = Probe.snapshot();

    // Untimed: the commands did what the router's would, users are on the backup; then back to the primary.
    assertThat(before).filteredOn(s -> s.serverName().equals(primary)).singleElement()
        .satisfies(s -> assertThat(s.adminState()).isEqualTo(ServerAdminState.READY));
    assertThat(after).filteredOn(s -> s.serverName().equals(primary)).singleElement()
        .satisfies(s -> assertThat(s.draining()).isTrue());
    awaitServing("backup");
    client.setServerState(backend, primary, ServerAdminState.READY);
    awaitServing("primary");
    if (phase != null) {
      phase.add(t1 - t0, c1.minus(c0));
    }
  }

  // ------------------------------------------------------------------ 2. one engine transaction

  /** Completing the user task of start → user task → end: one engine command, one database transaction. */
  private void engineTransaction(Phase phase) {
    ProcessInstance instance = runtime.startProcessInstanceByKey(TX_PROCESS_KEY);
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    Probe.sql = phase != null ? phase.statements : null;
    Counters c0 = Probe.snapshot();
    long t0 = System.nanoTime();
    tasks.complete(task.getId());
    long t1 = System.nanoTime();
    Counters c1 = Probe.snapshot();
    Probe.sql = null;
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    if (phase != null) {
      phase.add(t1 - t0, c1.minus(c0));
    }
  }

  // ------------------------------------------------------------------ 3. end to end

  /** One incident from "cannot resolve" to users on the backup (timed), and back (untimed); null: warm-up. */
  private void endToEnd(EndToEnd e2e) throws IOException {
    boolean measured = e2e != null;
    ProcessInstance incident = reachResolution("checkout");
    Task resolve = task(incident, TASK_RESOLVE_INCIDENT);
    assertThat(haproxy.get()).isEqualTo("primary");

    Probe.sql = measured ? e2e.complete.statements : null;
    Counters c0 = Probe.snapshot();
    long t0 = System.nanoTime();
    tasks.complete(resolve.getId(), Map.of(RESOLVE_OUTCOME, OUTCOME_CANNOT_RESOLVE));
    long t1 = System.nanoTime();
    Counters c1 = Probe.snapshot();
    Probe.sql = measured ? e2e.jobQuery.statements : null;
    Job reroute = management.createJobQuery().processInstanceId(incident.getId())
        .activityId(TASK_REROUTE_TRAFFIC).singleResult();
    long t2 = System.nanoTime();
    Counters c2 = Probe.snapshot();
    Probe.sql = measured ? e2e.job.statements : null;
    management.executeJob(reroute.getId());
    long t3 = System.nanoTime();
    Counters c3 = Probe.snapshot();
    Probe.sql = null;

    // Untimed: users are really on the backup, the process took the reroute path.
    awaitServing("backup");
    assertThat(runtime.getVariable(incident.getId(), TRAFFIC_REROUTED)).isEqualTo(true);
    assertThat(task(incident, TASK_APPLY_WORKAROUND)).as("no manual workaround").isNull();

    // Untimed: bring users back.
    tasks.complete(task(incident, TASK_RESOLVE_INCIDENT).getId(), Map.of(RESOLVE_OUTCOME, OUTCOME_RESOLVED));
    tasks.complete(task(incident, TASK_CONFIRM_PRIMARIES_HEALTHY).getId(), Map.of("primariesHealthy", true));
    jobs.runDueJobs(incident.getId());
    awaitServing("primary");

    if (measured) {
      e2e.total.add(t3 - t0, c3.minus(c0));
      e2e.complete.add(t1 - t0, c1.minus(c0));
      e2e.jobQuery.add(t2 - t1, c2.minus(c1));
      e2e.job.add(t3 - t2, c3.minus(c2));
    }
  }

  private ProcessInstance reachResolution(String serviceId) {
    var variables = TestIncidents.checkoutOutageWithCustomersAffected().customerImpact(false).variables();
    variables.put(SERVICE_ID, serviceId);
    ProcessInstance incident = runtime.startProcessInstanceByKey(PROCESS_KEY, variables);
    jobs.runDueJobs(incident.getId());
    tasks.complete(task(incident, TASK_ACKNOWLEDGE_INCIDENT).getId());
    tasks.complete(task(incident, TASK_SCOPE_INCIDENT).getId(),
        Map.of(SEVERITY, "SEV2", CUSTOMER_IMPACT, false, IMPACT_DESCRIPTION, "Payments fail"));
    jobs.runDueJobs(incident.getId());
    return incident;
  }

  private Task task(ProcessInstance incident, String key) {
    return tasks.createTaskQuery().processInstanceId(incident.getId()).taskDefinitionKey(key).singleResult();
  }

  private static void awaitServing(String server) {
    await("HAProxy serving " + server).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
        .pollDelay(Duration.ZERO).ignoreExceptions().until(haproxy::get, server::equals);
  }

  // ------------------------------------------------------------------ report

  private MarkdownReport report(Phase raw, Phase tx, EndToEnd e2e, Instant started) {
    double budgetMedian = raw.median() + tx.median();
    double budgetP95 = raw.p95() + tx.p95();
    // The target's span is the reroute step as the engine runs it: its job (fetch, drain, verify, record,
    // continue, commit). The technician's own transaction before it is reported beside it, not budgeted.
    double ratioMedian = e2e.job.median() / budgetMedian;
    double ratioP95 = e2e.job.p95() / budgetP95;
    MarkdownReport out = new MarkdownReport();
    out.append("# Reroute benchmark\n\n");
    out.format("%s, %d CPUs, Java %s, %s, PostgreSQL %s (embedded), %s.%n"
            + "Warm-up %d iterations per measurement, then %d measured, in interleaved rounds (raw, engine transaction, "
            + "end to end); times in ms.%n%n",
        started, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), haproxyVersion(),
        jdbc.sql("SHOW server_version").query(String.class).single(), PROBES.on()
            ? "probes on (JDBC/routing timers; -Dreroute.bench.probes=false turns them off)" : "probes off",
        WARMUP, ITERATIONS);

    out.table("lrrrr", "Measurement", "n", "median", "p95", "mean");
    for (Phase phase : List.of(raw, tx, e2e.job, e2e.complete, e2e.total)) {
      out.row("%s | %d | %.2f | %.2f | %.2f", phase.name, phase.nanos.size(), phase.median(), phase.p95(),
          phase.mean());
    }
    out.append("\n").table("lrr", "Ratio: reroute step (3) / (raw commands (1) + one engine transaction (2))",
        "median", "p95");
    out.row("raw + engine transaction | %.2f ms | %.2f ms", budgetMedian, budgetP95);
    out.row("reroute step | %.2f ms | %.2f ms", e2e.job.median(), e2e.job.p95());
    out.row("**ratio** (target ≤ 1.5) | **%.2f** %s | **%.2f** %s", ratioMedian,
        ratioMedian <= 1.5 ? "met" : "missed", ratioP95, ratioP95 <= 1.5 ? "met" : "missed");
    out.row("reroute step allowed by the target (1.5 × budget) | %.2f ms | %.2f ms", 1.5 * budgetMedian,
        1.5 * budgetP95);
    out.row("for information: the technician's click included (5) / budget | %.2f | %.2f",
        e2e.total.median() / budgetMedian, e2e.total.p95() / budgetP95);

    if (PROBES.on()) {
      out.append("\n## Where the end-to-end time goes\n\n");
      out.append("Per-iteration values, medians over the ").append(ITERATIONS).append(" measured iterations "
          + "(a median of a difference is not the difference of medians, so rows do not add up exactly). "
          + "JDBC = time in `execute*` of statements and in `commit`/`rollback`, on the benchmark's thread.\n\n");
      out.table("lrrrrr", "Part", "median ms", "p95 ms", "JDBC ms (median)", "JDBC executes", "commits");
      Phase routing = e2e.job.derived("  3-i. `TrafficRoutingService.rerouteToBackup` (delegate's work)",
          (t, c) -> c.routingNanos);
      Phase repo = e2e.job.derived("    · `TrafficChangeRepository` (active, recordBeforeChanging in REQUIRES_NEW)",
          (t, c) -> c.repoNanos);
      Phase sockets = e2e.job.derived("    · rest of rerouteToBackup: HAProxy socket commands (3) + parsing",
          (t, c) -> c.routingNanos - c.repoNanos);
      Phase engineInJob = e2e.job.derived("  3-ii. engine share of the job (= 3 − 3-i: fetch/lock job, "
          + "variables, continue to end event, history, flush, commit)", (t, c) -> t - c.routingNanos);
      Phase jdbcInEngineOfJob = e2e.job.derived("(JDBC of 3-ii)", (t, c) -> c.jdbcNanos - c.repoJdbcNanos);
      Phase jdbcInRepo = e2e.job.derived("(JDBC of repository)", (t, c) -> c.repoJdbcNanos);
      e2e.job.breakdownRow(out, "3. Reroute step: `managementService.executeJob(reroute)`", true);
      routing.breakdownRow(out, routing.name, false);
      repo.breakdownRow(out, repo.name, jdbcInRepo.median(), e2e.job.medianOf(c -> c.repoJdbcCalls),
          e2e.job.medianOf(c -> c.repoCommits));
      sockets.breakdownRow(out, sockets.name, false);
      engineInJob.breakdownRow(out, engineInJob.name, jdbcInEngineOfJob.median(),
          e2e.job.medianOf(c -> c.jdbcCalls - c.repoJdbcCalls), e2e.job.medianOf(c -> c.commits - c.repoCommits));
      e2e.complete.breakdownRow(out, "4. (not budgeted) `taskService.complete(Resolve, cannotResolve)` (fork, new "
          + "Resolve task + SLA timer, async reroute job, history)", true);
      e2e.jobQuery.breakdownRow(out, "  then the job query (find the reroute job)", true);
      tx.breakdownRow(out, "for comparison, 2. engine transaction", true);
      raw.breakdownRow(out, "for comparison, 1. raw socket commands", false);
      double engineTotal = e2e.complete.median() + e2e.jobQuery.median() + engineInJob.median();
      out.format("%nEngine work on the whole path (4 + job query + 3-ii, medians): %.2f ms = %.1f × one "
              + "minimal engine transaction, %.0f %% of the whole path's median. "
              + "Reroute work inside the job (3-i): %.2f ms, of which traffic_change bookkeeping %.2f ms and socket "
              + "commands %.2f ms (raw: %.2f ms).%n",
          engineTotal, engineTotal / tx.median(), 100 * engineTotal / e2e.total.median(), routing.median(),
          repo.median(), sockets.median(), raw.median());
    }
    if (PROBES.on()) {
      out.append("\n## Statements per iteration\n\nJDBC executes (a batch counts once) and commits by statement kind, "
          + "per measured iteration (totals / ").append(ITERATIONS).append("), heaviest first.\n");
      statements(out, "2. Engine transaction (`complete` of start → user task → end)", tx);
      statements(out, "4. `complete(Resolve, cannotResolve)` (not budgeted)", e2e.complete);
      statements(out, "3. `executeJob(reroute)`: the reroute step", e2e.job);
    }
    out.format("%nRun took %d s; %s; 1-minute load average %s at the start, %s at the end.%n",
        Duration.between(started, Instant.now()).toSeconds(), cpuUse(), loadAtStart, LoadAverage.oneMinute());
    return out;
  }

  private static void statements(MarkdownReport out, String title, Phase phase) {
    out.append("\n### ").append(title).append("\n\n").table("lrr", "Statement", "per iteration", "ms per iteration");
    long count = 0;
    long nanos = 0;
    Map<String, long[]> byKind = new java.util.HashMap<>();
    phase.statements.forEach((key, value) -> {
      long[] sum = byKind.computeIfAbsent(Probe.kind(key), k -> new long[2]);
      sum[0] += value[0];
      sum[1] += value[1];
    });
    List<Map.Entry<String, long[]>> entries = new ArrayList<>(byKind.entrySet());
    entries.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
    for (Map.Entry<String, long[]> entry : entries) {
      out.row("%s | %.1f | %.3f", entry.getKey().replace("|", "\\|"), entry.getValue()[0] / (double) ITERATIONS,
          entry.getValue()[1] / 1e6 / ITERATIONS);
      count += entry.getValue()[0];
      nanos += entry.getValue()[1];
    }
    out.row("**all** | **%.1f** | **%.3f**", count / (double) ITERATIONS, nanos / 1e6 / ITERATIONS);
  }

  private String loadAtStart;
  /** This JVM against the rest of the machine: PostgreSQL, HAProxy and whatever else runs there. */
  private final CpuMeter cpu = CpuMeter.thisJvm();
  private CpuMeter.Sample cpuAtStart;

  private String cpuUse() {
    CpuMeter.Cpu used = cpu.since(cpuAtStart);
    return used.known()
        ? String.format(Locale.ROOT, "CPUs busy on average %.2f of %d, of which this JVM %.2f (the rest: PostgreSQL, "
            + "HAProxy and whatever else runs on the machine)", used.busy(), CpuMeter.CORES, used.jvm())
        : "CPU use unknown";
  }

  private static String haproxyVersion() {
    try {
      Process process = new ProcessBuilder(HaproxyTestbed.HAPROXY.toString(), "-v").redirectErrorStream(true).start();
      String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
          .orElse("HAProxy ?");
      process.waitFor();
      return first.replaceAll("\\s+-\\s+https?://\\S+", "").trim();
    } catch (IOException e) {
      return "HAProxy (version unknown)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "HAProxy (version unknown)";
    }
  }

  // ------------------------------------------------------------------ samples and statistics

  /** One measurement: per-iteration wall time and probe counters; the times' percentiles from a LatencyRecorder. */
  static final class Phase {
    final String name;
    final List<Long> nanos = new ArrayList<>();
    final List<Counters> counters = new ArrayList<>();
    final LatencyRecorder latency = new LatencyRecorder();
    /** JDBC executes and commits of the measured iterations by statement kind: {count, nanos}. */
    final Map<String, long[]> statements = new java.util.HashMap<>();

    Phase(String name) {
      this.name = name;
    }

    void add(long elapsed, Counters delta) {
      nanos.add(elapsed);
      counters.add(delta);
      latency.record(elapsed);
    }

    interface Derivation {
      long of(long elapsed, Counters counters);
    }

    /**
     * A time of each iteration worked out from its wall time and counters. A recorder holds no negative times: a
     * difference of two probes below zero (the one's calls outside the other's) counts as 0.
     */
    Phase derived(String name, Derivation derivation) {
      Phase derived = new Phase(name);
      for (int i = 0; i < nanos.size(); i++) {
        derived.add(Math.max(0, derivation.of(nanos.get(i), counters.get(i))), counters.get(i));
      }
      return derived;
    }

    double median() {
      return latency.percentileMillis(50);
    }

    double p95() {
      return latency.percentileMillis(95);
    }

    double mean() {
      return latency.meanMillis();
    }

    /** Exact median of a per-iteration count (halves where the two middle iterations differ). */
    double medianOf(ToLongFunction<Counters> counter) {
      long[] values = counters.stream().mapToLong(counter).sorted().toArray();
      int n = values.length;
      return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    }

    void breakdownRow(MarkdownReport out, String label, boolean withJdbc) {
      if (withJdbc) {
        breakdownRow(out, label, derived(label, (t, c) -> c.jdbcNanos).median(), medianOf(c -> c.jdbcCalls),
            medianOf(c -> c.commits));
      } else {
        out.row("%s | %.2f | %.2f | | |", label, median(), p95());
      }
    }

    void breakdownRow(MarkdownReport out, String label, double jdbcMs, double executes, double commits) {
      out.row("%s | %.2f | %.2f | %.2f | %s | %s", label, median(), p95(), jdbcMs, count(executes), count(commits));
    }

    private static String count(double value) {
      return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
  }

  static final class EndToEnd {
    final Phase job = new Phase("3. Reroute step, end to end through the engine: `managementService.executeJob` of "
        + "the reroute job (fetch job, plan, record before-states, drain, verify, variables, continue, history, "
        + "commit) — users on backup");
    final Phase complete = new Phase("4. (not budgeted) the technician's \"cannot resolve\": `taskService.complete"
        + "(Resolve)` (fork, new Resolve task + SLA timer, the async reroute job, history)");
    final Phase jobQuery = new Phase("job query");
    final Phase total = new Phase("5. (not budgeted) both together: technician's click → users on backup (4 + job "
        + "query + 3)");
  }

  // ------------------------------------------------------------------ probes

  /** Counters of the benchmark thread, read before and after a timed section. */
  record Counters(long jdbcNanos, long jdbcCalls, long commits, long routingNanos, long repoNanos, long repoJdbcNanos,
      long repoJdbcCalls, long repoCommits) {
    Counters minus(Counters o) {
      return new Counters(jdbcNanos - o.jdbcNanos, jdbcCalls - o.jdbcCalls, commits - o.commits,
          routingNanos - o.routingNanos, repoNanos - o.repoNanos, repoJdbcNanos - o.repoJdbcNanos,
          repoJdbcCalls - o.repoJdbcCalls, repoCommits - o.repoCommits);
    }
  }

  /** Plain fields: only the owner thread (the benchmark's) writes or reads them. */
  static final class Probe {
    static long jdbcNanos;
    static long jdbcCalls;
    static long commits;
    static long routingNanos;
    static long repoNanos;
    static long repoJdbcNanos;
    static long repoJdbcCalls;
    static long repoCommits;
    static boolean inRepo;
    /** Where to add each execute/commit by statement kind; null: nowhere. */
    static Map<String, long[]> sql;

    static final String COMMIT = "\u0000";
    static final String REPO = "\u0001";

    /** "update ACT_HI_TASKINST set REMOVAL_TIME_", "insert ACT_HI_ACTINST", "select ACT_RU_JOB", "commit". */
    static String kind(String key) {
      if (key.startsWith(REPO)) {
        return "[traffic_change repository] " + kind(key.substring(REPO.length()));
      }
      if (key.startsWith(COMMIT)) {
        return key.substring(COMMIT.length());
      }
      String statement = key;
      if (statement.isEmpty()) {
        return "(unknown)";
      }
      String flat = statement.replaceAll("\\s+", " ").trim();
      for (java.util.regex.Pattern pattern : KINDS) {
        java.util.regex.Matcher m = pattern.matcher(flat);
        if (m.find()) {
          String verb = flat.substring(0, flat.indexOf(' ') < 0 ? flat.length() : flat.indexOf(' ')).toLowerCase(Locale.ROOT);
          return verb + " " + m.group(1) + (m.groupCount() > 1 ? " set " + m.group(2) : "");
        }
      }
      return flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
    }

    private static final List<java.util.regex.Pattern> KINDS = List.of(
        java.util.regex.Pattern.compile("(?i)^insert\\s+into\\s+([A-Za-z_][\\w.]*)"),
        java.util.regex.Pattern.compile("(?i)^update\\s+([A-Za-z_][\\w.]*)\\s+set\\s+([A-Za-z_][\\w.]*)"),
        java.util.regex.Pattern.compile("(?i)^delete\\s+(?:from\\s+)?([A-Za-z_][\\w.]*)"),
        java.util.regex.Pattern.compile("(?i)^(?:select|with)\\b.*?\\bfrom\\s+([A-Za-z_][\\w.]*)"));

    static Counters snapshot() {
      return new Counters(jdbcNanos, jdbcCalls, commits, routingNanos, repoNanos, repoJdbcNanos, repoJdbcCalls,
          repoCommits);
    }

    static void jdbc(long nanos, boolean commit, String statement) {
      if (sql != null) {
        // Raw text as key (cheap); grouped by kind() only for the report.
        String key = commit ? COMMIT + statement : statement == null ? "" : statement;
        long[] entry = sql.computeIfAbsent(inRepo ? REPO + key : key, k -> new long[2]);
        entry[0]++;
        entry[1] += nanos;
      }
      jdbcNanos += nanos;
      if (commit) {
        commits++;
      } else {
        jdbcCalls++;
      }
      if (inRepo) {
        repoJdbcNanos += nanos;
        if (commit) {
          repoCommits++;
        } else {
          repoJdbcCalls++;
        }
      }
    }
  }

  /** Wraps the DataSource, TrafficRoutingService and TrafficChangeRepository of this test context with timers. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Probes {

    @Bean
    static BeanPostProcessor rerouteBenchmarkProbes() {
      return BeanAdvice.postProcessor(bean -> !PROBES.on() ? null
          : bean instanceof DataSource ? Probes::timedConnections
          : bean instanceof TrafficRoutingService ? Probes::timeReroute
          : bean instanceof TrafficChangeRepository ? Probes::timeRepository
          : null);
    }

    /** The DataSource hands out connections that time their statements and commits. */
    private static Object timedConnections(MethodInvocation invocation) throws Throwable {
      Object result = invocation.proceed();
      return result instanceof Connection connection && invocation.getMethod().getName().equals("getConnection")
          ? timedConnection(connection) : result;
    }

    private static Object timeReroute(MethodInvocation invocation) throws Throwable {
      return invocation.getMethod().getName().equals("rerouteToBackup")
          ? PROBES.time(invocation, nanos -> Probe.routingNanos += nanos) : invocation.proceed();
    }

    /** The outermost repository call only; JDBC meanwhile counts as the repository's too. */
    private static Object timeRepository(MethodInvocation invocation) throws Throwable {
      if (!PROBES.counting() || Probe.inRepo) {
        return invocation.proceed();
      }
      Probe.inRepo = true;
      try {
        return PROBES.time(invocation, nanos -> Probe.repoNanos += nanos);
      } finally {
        Probe.inRepo = false;
      }
    }

    private static Connection timedConnection(Connection target) {
      return (Connection) Proxy.newProxyInstance(RerouteBenchmark.class.getClassLoader(),
          new Class<?>[] {Connection.class}, new Timed(target, true, null));
    }

    /** Times {@code execute*} of statements and {@code commit}/{@code rollback} of connections. */
    private record Timed(Object target, boolean connection, String sql) implements InvocationHandler {
      @Override
      public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("equals") && args != null && args.length == 1) {
          return proxy == args[0];
        }
        if (name.equals("hashCode") && (args == null || args.length == 0)) {
          return System.identityHashCode(proxy);
        }
        boolean timed = PROBES.counting() && (connection
            ? name.equals("commit") || name.equals("rollback")
            : name.startsWith("execute"));
        long t0 = timed ? System.nanoTime() : 0;
        Object result;
        try {
          result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        } finally {
          if (timed) {
            Probe.jdbc(System.nanoTime() - t0, connection, connection ? name
                : sql != null ? sql : args != null && args.length > 0 && args[0] instanceof String s ? s : null);
          }
        }
        if (connection && result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())
            && (name.equals("createStatement") || name.equals("prepareStatement") || name.equals("prepareCall"))) {
          return Proxy.newProxyInstance(RerouteBenchmark.class.getClassLoader(), new Class<?>[] {method.getReturnType()},
              new Timed(statement, false, args != null && args.length > 0 && args[0] instanceof String s ? s : null));
        }
        return result;
      }
    }
  }
}
