package io.incidentflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
      // Well inside the storm's second.
      return AlertStormTest.batchesAtOnce(pool, 300);
    } finally {
      pool.shutdown();
    }
  }
}
