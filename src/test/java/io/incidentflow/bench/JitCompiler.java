package io.incidentflow.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How busy this JVM's JIT compiler is. A benchmark of the whole platform (engine, MyBatis, Spring, Tomcat) measures
 * a JVM that is still compiling for minutes after its start unless its warm-up lasts until the compiler has
 * settled: on 2 cores the compiler threads then take cores away from the work measured (0.4–0.9 cores were seen
 * during the paging benchmark's phase 1 after a 10-second warm-up). Production JVMs run warm.
 */
public final class JitCompiler {

  private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

  private JitCompiler() {}

  /** Milliseconds spent compiling since the JVM started (HotSpot: summed over its compiler threads); -1 unknown. */
  public static long millis() {
    return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported() ? COMPILER.getTotalCompilationTime()
        : -1;
  }

  /** Compiling time per wall-clock time between {@code fromMillis} (a {@link #millis()}) and now: ~ cores. */
  public static double busySince(long fromMillis, long fromNanos) {
    long now = millis();
    if (now < 0 || fromMillis < 0) {
      return Double.NaN;
    }
    return (now - fromMillis) / ((System.nanoTime() - fromNanos) / 1e6);
  }

  /** A warm-up round; {@code index} counts from 0. */
  public interface Round {
    void run(int index) throws Exception;
  }

  /** What a warm-up did: its rounds, how long they took, how busy the compiler was in the last one (~ cores). */
  public record Warmup(int rounds, double seconds, double lastRoundBusy) {}

  /**
   * Runs rounds until the compiler was busy less than {@code settled} cores during one, or {@code maxRounds} ran
   * (one round where the compiler's time is unknown).
   */
  public static Warmup untilSettled(double settled, int maxRounds, Round round) throws Exception {
    long start = System.nanoTime();
    int rounds = 0;
    double busy;
    do {
      long compiledBefore = millis();
      long roundStart = System.nanoTime();
      round.run(rounds++);
      busy = busySince(compiledBefore, roundStart);
    } while (busy > settled && rounds < maxRounds);
    return new Warmup(rounds, (System.nanoTime() - start) / 1e9, busy);
  }
}
