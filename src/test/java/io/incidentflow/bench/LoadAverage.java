package io.incidentflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, printed with a report to show whether other work shared the CPUs during the run. */
public final class LoadAverage {

  private LoadAverage() {}

  /** The 1-minute load average as /proc/loadavg gives it; "?" where there is none. */
  public static String oneMinute() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
