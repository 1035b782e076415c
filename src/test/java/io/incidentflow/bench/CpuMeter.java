package io.incidentflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Where the machine's CPU went between two samples, from Linux's /proc (unknown elsewhere): this JVM, optionally one
 * other process with its children (a server the benchmark started, such as the embedded PostgreSQL), the rest of the
 * machine, and idle. The machine is shared: the rest tells whether a phase's figures were taken with cores to spare.
 *
 * <p>Use: {@code Sample before = meter.sample(); ... ; Cpu used = meter.since(before);}
 */
public final class CpuMeter {

  public static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final Path PROC = Path.of("/proc");
  private static final Path STAT = PROC.resolve("stat");

  /** Finds the other process's pid; null: none asked for. */
  private final Predicate<String> commandLine;
  private final boolean available = Files.isReadable(STAT);
  /** Found once, then kept: scanning every command line on each sample would cost more than it measures. */
  private Long processPid;

  private CpuMeter(Predicate<String> commandLine, Long processPid) {
    this.commandLine = commandLine;
    this.processPid = processPid;
  }

  /** This JVM against the rest of the machine. */
  public static CpuMeter thisJvm() {
    return new CpuMeter(null, null);
  }

  /** This JVM, the process {@code pid} with its children, the rest of the machine. */
  public static CpuMeter withProcess(long pid) {
    return new CpuMeter(null, pid);
  }

  /**
   * This JVM, the first process whose command line holds all of {@code parts} (with its children), the rest. A
   * server is told apart by its port, e.g. {@code withCommand("postgres", "-p " + port)} for the postmaster, whose
   * backends are its children.
   */
  public static CpuMeter withCommand(String... parts) {
    return new CpuMeter(line -> Arrays.stream(parts).allMatch(line::contains), null);
  }

  /** Clock ticks since boot; all zero where /proc cannot be read. */
  public record Sample(long total, long idle, long jvm, long process) {}

  /**
   * Cores busy on average between two samples ({@link #CORES} in all): this JVM, the other process (0 if none),
   * the rest of the machine, idle. Not {@code known} where there is no /proc.
   */
  public record Cpu(boolean known, double jvm, double process, double rest, double idle) {

    /** Cores not idle, whoever used them. */
    public double busy() {
      return CORES - idle;
    }
  }

  public Sample sample() {
    if (!available) {
      return new Sample(0, 0, 0, 0);
    }
    try {
      // The first line: "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are idle.
      String[] cpu = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(cpu.length, 9); i++) {
        total += Long.parseLong(cpu[i]);
      }
      long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
      long jvm = ticks(Files.readString(PROC.resolve("self").resolve("stat")));
      return new Sample(total, idle, jvm, processTicks());
    } catch (IOException | RuntimeException e) {
      return new Sample(0, 0, 0, 0);
    }
  }

  public Cpu since(Sample before) {
    Sample after = sample();
    long total = after.total() - before.total();
    if (!available || total <= 0 || before.total() == 0) {
      return new Cpu(false, 0, 0, 0, 0);
    }
    double jvm = CORES * (double) (after.jvm() - before.jvm()) / total;
    double process = CORES * (double) (after.process() - before.process()) / total;
    double idle = CORES * (double) (after.idle() - before.idle()) / total;
    return new Cpu(true, jvm, process, Math.max(0, CORES - jvm - process - idle), idle);
  }

  /** The other process and its children (a postmaster's backends, also those that ended), summed. */
  private long processTicks() throws IOException {
    Long root = processPid();
    if (root == null) {
      return 0;
    }
    long ticks = 0;
    try (var dirs = Files.list(PROC)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        if (!isPid(dir)) {
          continue;
        }
        try {
          String stat = Files.readString(dir.resolve("stat"));
          long pid = Long.parseLong(stat.substring(0, stat.indexOf(' ')));
          if (pid == root) {
            // With the children it has reaped (cutime + cstime): a backend or autovacuum worker that ended during
            // a phase was counted as other processes' CPU before.
            ticks += ticks(stat) + field(stat, 13) + field(stat, 14);
          } else if (field(stat, 1) == root) {
            ticks += ticks(stat);
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    }
    return ticks;
  }

  private Long processPid() throws IOException {
    if (processPid != null || commandLine == null) {
      return processPid;
    }
    try (var dirs = Files.list(PROC)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        if (!isPid(dir)) {
          continue;
        }
        try {
          if (commandLine.test(Files.readString(dir.resolve("cmdline")).replace('\0', ' '))) {
            return processPid = Long.parseLong(dir.getFileName().toString());
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    }
    return null; // not there yet: looked for again at the next sample
  }

  private static boolean isPid(Path dir) {
    return dir.getFileName().toString().chars().allMatch(Character::isDigit);
  }

  /** utime + stime of a /proc/PID/stat, in clock ticks (the unit of /proc/stat). */
  private static long ticks(String stat) {
    return field(stat, 11) + field(stat, 12);
  }

  /** Field {@code index} after the command name, which may hold spaces: 0 is the state, 1 the parent's pid. */
  private static long field(String stat, int index) {
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[index]);
  }
}
