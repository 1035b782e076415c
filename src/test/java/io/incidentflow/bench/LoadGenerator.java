package io.incidentflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A benchmark's clients: a closed loop (N threads, each issuing its next request when the last one is answered) or
 * a fixed rate (open loop), each a measured phase with its latencies (HdrHistogram) and where the machine's CPU
 * went meanwhile. A failed operation is counted against its phase, never thrown: a benchmark reports its errors.
 */
public final class LoadGenerator {

  @FunctionalInterface
  public interface Op {
    void run(int thread, long seq) throws Exception;
  }

  @FunctionalInterface
  public interface PacedOp {
    void run(long seq) throws Exception;
  }

  private final int threads;
  private final CpuMeter cpu;
  private final Errors errors = new Errors();

  /** {@code threads}: the client concurrency of every phase. */
  public LoadGenerator(int threads, CpuMeter cpu) {
    this.threads = threads;
    this.cpu = cpu;
  }

  public int threads() {
    return threads;
  }

  public Errors errors() {
    return errors;
  }

  /** The client threads, each issuing its next request when the last one is answered, until maxRequests or time. */
  public Result closedLoop(String name, Op op, long maxRequests, Duration duration) throws InterruptedException {
    return closedLoop(name, op, maxRequests, duration, null);
  }

  /**
   * The same, recording each latency also into {@code rounds} (if not null): one recorder for the rounds of a
   * phase that runs in several, for {@link Result#combined}.
   */
  public Result closedLoop(String name, Op op, long maxRequests, Duration duration, LatencyRecorder rounds)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong tickets = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    LatencyRecorder latencies = new LatencyRecorder();
    long[] startedAt = new long[1];
    long[] endedAt = new long[threads];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      pool.execute(() -> {
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long deadline = startedAt[0] + duration.toNanos();
        long seq;
        while ((seq = tickets.getAndIncrement()) < maxRequests && System.nanoTime() < deadline) {
          long t0 = System.nanoTime();
          try {
            op.run(thread, seq);
            long latency = System.nanoTime() - t0;
            latencies.record(latency);
            if (rounds != null) {
              rounds.record(latency);
            }
          } catch (Exception e) {
            errors.add(name, e);
          }
        }
        endedAt[thread] = System.nanoTime();
      });
    }
    ready.await();
    CpuMeter.Sample cpuBefore = cpu.sample();
    startedAt[0] = System.nanoTime();
    go.countDown();
    pool.shutdown();
    if (!pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      throw new IllegalStateException(name + ": client threads did not finish");
    }
    long end = Arrays.stream(endedAt).max().orElseThrow();
    CpuMeter.Cpu used = cpu.since(cpuBefore);
    progress(name, startedAt[0], end);
    return new Result(name, threads, errors.countOf(name), latencies.summary(end - startedAt[0]), used);
  }

  /**
   * Open loop: a pacer issues request i at start + i/rate onto a pool of the client threads, whether earlier ones
   * were answered or not. Latency is measured from the intended send time, so queueing behind slow answers
   * counts (no coordinated omission).
   */
  public Result fixedRate(String name, int perSecond, int requests, PacedOp op) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    LatencyRecorder latencies = new LatencyRecorder();
    CpuMeter.Sample cpuBefore = cpu.sample();
    long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    AtomicLong lastAnswer = new AtomicLong(start);
    for (int i = 0; i < requests; i++) {
      long intended = start + i * interval;
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      long seq = i;
      pool.execute(() -> {
        try {
          op.run(seq);
          long now = System.nanoTime();
          latencies.record(now - intended);
          lastAnswer.accumulateAndGet(now, Math::max);
        } catch (Exception e) {
          errors.add(name, e);
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      throw new IllegalStateException(name + ": requests did not finish");
    }
    CpuMeter.Cpu used = cpu.since(cpuBefore);
    progress(name, start, lastAnswer.get());
    return new Result(name, threads, errors.countOf(name), latencies.summary(lastAnswer.get() - start), used);
  }

  /** One line per phase with wall-clock times, to line up with a profile or CPU samples taken outside. */
  public static void progress(String name, long startNanos, long endNanos) {
    long nowNanos = System.nanoTime();
    Instant now = Instant.now();
    System.out.printf(Locale.ROOT, "[bench] %s .. %s  %s%n", now.minusNanos(nowNanos - startNanos),
        now.minusNanos(nowNanos - endNanos), name);
  }

  /** Failed operations, by phase, with the first few for the report. */
  public static final class Errors {
    private final AtomicLong count = new AtomicLong();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> byPhase = new ConcurrentHashMap<>();

    public void add(String phase, Exception e) {
      count.incrementAndGet();
      byPhase.computeIfAbsent(phase, p -> new AtomicLong()).incrementAndGet();
      if (samples.size() < 5) {
        samples.add(phase + ": " + e);
      }
    }

    public long count() {
      return count.get();
    }

    public long countOf(String phase) {
      AtomicLong n = byPhase.get(phase);
      return n == null ? 0 : n.get();
    }

    /** The first few, as "phase: exception". */
    public String samples() {
      return samples.toString();
    }
  }

  /** A measured phase: its operations' count, rate and latencies, and where the machine's CPU went meanwhile. */
  public record Result(String name, int clients, long errors, LatencyRecorder.Summary ops, CpuMeter.Cpu cpu) {

    /** Core-milliseconds of this JVM and its other process (PostgreSQL) per completed operation; NaN where unknown. */
    public double cpuMsPerOp() {
      return cpu.known() && ops.perSecond() > 0 ? 1000 * (cpu.jvm() + cpu.process()) / ops.perSecond() : Double.NaN;
    }

    /** The phase's row of a report table: clients, OK, errors, seconds, rate, p50/p95/p99/max, CPU columns. */
    public String cells() {
      return String.format(Locale.ROOT, "%d | %d | %d | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f | %s | %s", clients,
          ops.count(), errors, ops.seconds(), ops.perSecond(), ops.p50(), ops.p95(), ops.p99(), ops.max(),
          cpu.known() ? String.format(Locale.ROOT, "%.2f | %.2f | %.2f | %.2f", cpu.jvm(), cpu.process(), cpu.rest(),
              cpu.idle()) : " | | | ",
          Double.isNaN(cpuMsPerOp()) ? "" : String.format(Locale.ROOT, "%.2f", cpuMsPerOp()));
    }

    /**
     * The rounds of one phase as one: operations and seconds summed, percentiles from {@code latencies} (which
     * recorded all the rounds), CPU averaged over the rounds' time.
     */
    public static Result combined(String name, List<Result> rounds, LatencyRecorder latencies) {
      double seconds = rounds.stream().mapToDouble(r -> r.ops().seconds()).sum();
      boolean known = rounds.stream().allMatch(r -> r.cpu().known());
      double[] cpu = new double[4];
      for (Result r : rounds) {
        double weight = r.ops().seconds() / seconds;
        cpu[0] += weight * r.cpu().jvm();
        cpu[1] += weight * r.cpu().process();
        cpu[2] += weight * r.cpu().rest();
        cpu[3] += weight * r.cpu().idle();
      }
      return new Result(name, rounds.get(0).clients(), rounds.stream().mapToLong(Result::errors).sum(),
          latencies.summary((long) (seconds * 1e9)), new CpuMeter.Cpu(known, cpu[0], cpu[1], cpu[2], cpu[3]));
    }

    /** The header of {@link #cells()}, after a first column {@code first}. */
    public static void header(MarkdownReport out, String first) {
      out.table("lrrrrrrrrrrrrrr", first, "Clients", "OK", "Errors", "Seconds", "Throughput /s", "p50 ms", "p95 ms",
          "p99 ms", "max ms", "CPU: this JVM", "its PostgreSQL", "other processes", "idle",
          "CPU ms per op (JVM + its PostgreSQL)");
    }
  }
}
