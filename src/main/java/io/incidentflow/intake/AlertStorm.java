package io.incidentflow.intake;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskDecorator;

/**
 * Whether alerts arrive faster than a storm's rate, and the job executor's workers held back while they do.
 *
 * <p>Monitoring waits for intake's answer; the jobs each new incident brings (registration, paging) do not need
 * an answer that fast. On a small machine a second job worker pages sooner when alerts trickle in (its waits on
 * the database leave the cores idle) but takes the CPU that intake's answers need in a storm (BENCHMARKS.md,
 * paging and intake). So while more than {@code storm-rate} alerts arrived in the last second, at most
 * {@code storm-job-workers} job batches run at once; a batch that waits starts as soon as the rate falls or
 * another batch ends. Nothing is dropped: a waiting batch keeps its jobs locked, as one in the pool's queue does.
 */
public class AlertStorm implements TaskDecorator {

  private static final Logger log = LoggerFactory.getLogger(AlertStorm.class);

  private static final int SLOTS = 10;
  private static final long SLOT_MILLIS = 100;
  /** How often a waiting batch looks at the rate again. */
  private static final long RECHECK_MILLIS = 50;

  private final int stormRate;
  private final int stormWorkers;
  private final long[] slotOf = new long[SLOTS];
  private final int[] alertsIn = new int[SLOTS];
  private final Object workers = new Object();
  private int running;
  private boolean holding;
  private final AtomicLong heldBack = new AtomicLong();

  public AlertStorm(int stormRate, int stormWorkers) {
    this.stormRate = stormRate;
    this.stormWorkers = stormWorkers;
  }

  /** Counts one alert received now. */
  public void alertReceived() {
    alertReceived(System.currentTimeMillis());
  }

  synchronized void alertReceived(long nowMillis) {
    long slot = nowMillis / SLOT_MILLIS;
    int i = (int) (slot % SLOTS);
    if (slotOf[i] != slot) {
      slotOf[i] = slot;
      alertsIn[i] = 0;
    }
    alertsIn[i]++;
  }

  /** Alerts received in the second before {@code nowMillis} (in tenths of a second). */
  synchronized int alertsInLastSecond(long nowMillis) {
    long slot = nowMillis / SLOT_MILLIS;
    int alerts = 0;
    for (int i = 0; i < SLOTS; i++) {
      if (slot - slotOf[i] < SLOTS) {
        alerts += alertsIn[i];
      }
    }
    return alerts;
  }

  boolean storming(long nowMillis) {
    return alertsInLastSecond(nowMillis) > stormRate;
  }

  @Override
  public Runnable decorate(Runnable jobs) {
    return () -> {
      enter();
      try {
        jobs.run();
      } finally {
        leave();
      }
    };
  }

  /** Job batches that waited for a storm to pass or another batch to end, since the start. */
  public long heldBack() {
    return heldBack.get();
  }

  private void enter() {
    synchronized (workers) {
      try {
        boolean waited = false;
        while (storming(System.currentTimeMillis()) && running >= stormWorkers) {
          if (!waited) {
            waited = true;
            heldBack.incrementAndGet();
            if (!holding) {
              holding = true;
              log.info("Alert storm: over {} alerts a second; job batches run {} at a time", stormRate, stormWorkers);
            }
          }
          workers.wait(RECHECK_MILLIS);
        }
        if (!waited && holding && !storming(System.currentTimeMillis())) {
          holding = false;
          log.info("Alert storm over: job batches run as the pool allows");
        }
      } catch (InterruptedException e) {
        // The executor shuts down: run the batch now rather than leave its jobs locked.
        Thread.currentThread().interrupt();
      }
      running++;
    }
  }

  private void leave() {
    synchronized (workers) {
      running--;
      workers.notifyAll();
    }
  }
}
