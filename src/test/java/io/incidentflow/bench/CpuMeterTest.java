package io.incidentflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

  @Test
  void seesThisJvmBusyAndAccountsForEveryCore() {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux /proc");
    // This JVM's own pid as "the other process": both columns must then show the same work.
    CpuMeter meter = CpuMeter.withProcess(ProcessHandle.current().pid());

    CpuMeter.Sample before = meter.sample();
    spin(400);
    CpuMeter.Cpu cpu = meter.since(before);

    assertThat(cpu.known()).isTrue();
    // One thread spinning: about a core, less on a machine shared with other work.
    assertThat(cpu.jvm()).isBetween(0.2, CpuMeter.CORES + 0.01);
    assertThat(cpu.process()).isCloseTo(cpu.jvm(), within(0.2));
    // Within a clock tick of each figure over 0.4 s: the machine's counters and the JVM's are read apart.
    assertThat(cpu.busy()).isGreaterThanOrEqualTo(cpu.jvm() - 0.05);
    assertThat(cpu.jvm() + cpu.process() + cpu.rest() + cpu.idle()).isGreaterThanOrEqualTo(CpuMeter.CORES - 0.01);
  }

  @Test
  void countsAChildThatEndedDuringTheWindowAsTheProcesssNotAsOthers() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux /proc");
    // A parent that starts a child spinning for a second, reaps it, and sleeps on: as a postmaster does with an
    // autovacuum worker. The child is gone at the end of the window; its second must stay with the parent.
    Process parent = new ProcessBuilder("sh", "-c", "timeout 1 sh -c 'while :; do :; done'; sleep 30").start();
    try {
      CpuMeter meter = CpuMeter.withProcess(parent.pid());
      CpuMeter.Sample before = meter.sample();
      Thread.sleep(1_600);
      CpuMeter.Cpu cpu = meter.since(before);

      assertThat(parent.children().count()).as("the child has ended, only sleep is left").isEqualTo(1);
      // About one core-second over 1.6 s: 0.6 cores, less on a machine shared with other work.
      assertThat(cpu.process()).isGreaterThan(0.3);
    } finally {
      parent.destroy();
      parent.waitFor();
    }
  }

  @Test
  void isUnknownWithoutAFirstSample() {
    assertThat(CpuMeter.thisJvm().since(new CpuMeter.Sample(0, 0, 0, 0)).known()).isFalse();
  }

  private static void spin(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    long sink = 0;
    while (System.nanoTime() < end) {
      sink += sink * 31 + 7;
    }
    assertThat(sink).isNotEqualTo(1);
  }
}
