package io.incidentflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Camunda's job worker pool, as the starter makes it, runs its batches through the storm gate; other pools not. */
class JobWorkersInStormTest {

  private final AlertStorm storm = new AlertStorm(50, 1);
  private final BeanPostProcessor processor = IntakeConfig.jobWorkersHeldBackInStorms(
      new StaticListableBeanFactory(Map.of("alertStorm", storm)).getBeanProvider(AlertStorm.class));

  @Test
  void shouldHoldCamundasJobWorkersBackToOneInAStorm() throws Exception {
    assertThat(batchesAtOnceInAStorm(IntakeConfig.JOB_WORKERS)).isEqualTo(1);
  }

  @Test
  void shouldLeaveOtherPoolsAlone() throws Exception {
    assertThat(batchesAtOnceInAStorm("outboxSender")).isEqualTo(2);
  }

  private int batchesAtOnceInAStorm(String beanName) throws Exception {
    ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
    pool.setCorePoolSize(2);
    pool.setMaxPoolSize(2);
    pool = (ThreadPoolTaskExecutor) processor.postProcessBeforeInitialization(pool, beanName);
    pool.initialize();
    try {
      for (int i = 0; i < 100; i++) {
        storm.alertReceived();
      }
      AtomicInteger running = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      CountDownLatch bothStarted = new CountDownLatch(2);
      CountDownLatch done = new CountDownLatch(2);
      Runnable batch = () -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        bothStarted.countDown();
        try {
          bothStarted.await(300, TimeUnit.MILLISECONDS); // well inside the storm's second
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        running.decrementAndGet();
        done.countDown();
      };
      pool.execute(batch);
      pool.execute(batch);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      return most.get();
    } finally {
      pool.shutdown();
    }
  }
}
