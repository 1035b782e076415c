package io.incidentflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  /** HdrHistogram with 3 significant digits: within 0.1 %; a rank off by one (1 % at 100 values) is not. */
  private static Offset<Double> close(double expected) {
    return within(expected * 0.001);
  }

  @Test
  void percentilesAreNearestRankInMillis() {
    LatencyRecorder recorder = new LatencyRecorder();
    // 1 ms .. 100 ms, recorded out of order
    for (int i = 100; i >= 1; i--) {
      recorder.record(i * 1_000_000L);
    }

    assertThat(recorder.count()).isEqualTo(100);
    assertThat(recorder.percentileMillis(50)).isCloseTo(50.0, close(50));
    assertThat(recorder.percentileMillis(95)).isCloseTo(95.0, close(95));
    assertThat(recorder.percentileMillis(99)).isCloseTo(99.0, close(99));
    assertThat(recorder.maxMillis()).isCloseTo(100.0, close(100));
    assertThat(recorder.meanMillis()).isCloseTo(50.5, close(50.5));
  }

  @Test
  void smallValuesAreExactAndTheMedianOfAnEvenCountIsTheLowerMiddle() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (long nanos : new long[] {400, 100, 300, 200}) {
      recorder.record(nanos);
    }

    assertThat(recorder.percentileMillis(50)).isEqualTo(200 / 1e6);
    assertThat(recorder.percentileMillis(75)).isEqualTo(300 / 1e6);
    assertThat(recorder.percentileMillis(76)).isEqualTo(400 / 1e6);
    assertThat(recorder.maxMillis()).isEqualTo(400 / 1e6);
  }

  @Test
  void summaryGivesThroughputOverTheElapsedTime() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 1; i <= 1_000; i++) {
      recorder.record(i * 10_000L); // 0.01 ms .. 10 ms
    }

    LatencyRecorder.Summary summary = recorder.summary(TimeUnit.MILLISECONDS.toNanos(2_500));

    assertThat(summary.count()).isEqualTo(1_000);
    assertThat(summary.seconds()).isEqualTo(2.5);
    assertThat(summary.perSecond()).isEqualTo(400.0);
    assertThat(summary.p50()).isCloseTo(5.0, close(5));
    assertThat(summary.p95()).isCloseTo(9.5, close(9.5));
    assertThat(summary.p99()).isCloseTo(9.9, close(9.9));
    assertThat(summary.max()).isCloseTo(10.0, close(10));
  }

  @Test
  void nothingRecordedGivesZeroes() {
    LatencyRecorder.Summary summary = new LatencyRecorder().summary(1_000_000_000L);

    assertThat(summary.count()).isZero();
    assertThat(summary.perSecond()).isZero();
    assertThat(summary.p50()).isZero();
    assertThat(summary.p99()).isZero();
    assertThat(summary.max()).isZero();
  }

  @Test
  void threadsMayRecordIntoOneRecorder() throws InterruptedException {
    LatencyRecorder recorder = new LatencyRecorder();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(() -> {
        for (int i = 1; i <= 10_000; i++) {
          recorder.record(i * 1_000L);
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(recorder.count()).isEqualTo(40_000);
    assertThat(recorder.percentileMillis(50)).isCloseTo(5.0, close(5));
  }

  @Test
  void aNegativeLatencyIsRefused() {
    assertThatThrownBy(() -> new LatencyRecorder().record(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
