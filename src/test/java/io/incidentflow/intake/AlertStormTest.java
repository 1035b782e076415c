package io.incidentflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertStormTest {

  private final AlertStorm storm = new AlertStorm(50, 1);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void shouldCountTheAlertsOfTheLastSecondOnly() {
    long t = 1_000_000;
    for (int i = 0; i < 30; i++) {
      storm.alertReceived(t + i * 10);
    }
    for (int i = 0; i < 30; i++) {
      storm.alertReceived(t + 500 + i * 10);
    }
    assertThat(storm.alertsInLastSecond(t + 900)).isEqualTo(60);
    assertThat(storm.storming(t + 900)).isTrue();
    assertThat(storm.alertsInLastSecond(t + 1_400)).as("the first 300 ms have left the window").isEqualTo(30);
    assertThat(storm.storming(t + 1_400)).isFalse();
    assertThat(storm.alertsInLastSecond(t + 5_000)).isZero();
  }

  @Test
  void shouldRunTwoJobBatchesAtOnceWhenAlertsTrickleIn() throws Exception {
    assertThat(batchesAtOnce()).isEqualTo(2);
    assertThat(storm.heldBack()).isZero();
  }

  @Test
  void shouldRunOneJobBatchAtATimeInAStormAndTheNextWhenTheFirstEnds() throws Exception {
    for (int i = 0; i < 100; i++) {
      storm.alertReceived();
    }
    // The first batch ends after 300 ms, well inside the storm's second; the second starts then.
    assertThat(batchesAtOnce(jobs -> pool.execute(storm.decorate(jobs)), 300)).isEqualTo(1);
    assertThat(storm.heldBack()).isEqualTo(1);
  }

  private int batchesAtOnce() throws Exception {
    return batchesAtOnce(jobs -> pool.execute(storm.decorate(jobs)), 1000);
  }

  /**
   * Submits two batches that each hold on until both started or {@code holdMillis} passed; how many ran at once.
   * Both must have run: none is dropped.
   */
  static int batchesAtOnce(java.util.concurrent.Executor executor, long holdMillis) throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch bothStarted = new CountDownLatch(2);
    CountDownLatch done = new CountDownLatch(2);
    Runnable batch = () -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      bothStarted.countDown();
      try {
        bothStarted.await(holdMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      done.countDown();
    };
    executor.execute(batch);
    executor.execute(batch);
    assertThat(done.await(10, TimeUnit.SECONDS)).as("both batches ran, none was dropped").isTrue();
    return most.get();
  }
}
