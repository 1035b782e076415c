package io.incidentflow.bench;

import java.util.function.LongConsumer;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether a benchmark's timing probes are on, and the one thread they count. The probes (advice on the app's beans,
 * timed proxies) break a benchmark's time down; they count only calls on the benchmark's own thread, so that the
 * app's background threads do not blur the breakdown. {@code -D<property>=false} turns them off, to check that they
 * do not change the figures.
 *
 * <p>Register it ({@code @RegisterExtension static final ProbeSwitch PROBES = ...}): after each test it stops
 * counting, however the test ended.
 */
public final class ProbeSwitch implements AfterEachCallback {

  private final boolean on;
  private volatile Thread counted;

  public ProbeSwitch(String property) {
    this.on = !"false".equals(System.getProperty(property));
  }

  public boolean on() {
    return on;
  }

  /** From now on, the probes count calls on the current thread. */
  public void countThisThread() {
    counted = Thread.currentThread();
  }

  public void stopCounting() {
    counted = null;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopCounting();
  }

  public boolean counting() {
    return Thread.currentThread() == counted;
  }

  /** Goes on with an intercepted call; on the counted thread, hands the nanoseconds it took to {@code record}. */
  public Object time(MethodInvocation invocation, LongConsumer record) throws Throwable {
    if (!counting()) {
      return invocation.proceed();
    }
    long t0 = System.nanoTime();
    try {
      return invocation.proceed();
    } finally {
      record.accept(System.nanoTime() - t0);
    }
  }
}
