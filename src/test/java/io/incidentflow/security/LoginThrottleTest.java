package io.incidentflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Failed logins count per address within a window; one address's failures never hold up another's logins. */
class LoginThrottleTest {

  static final Duration WINDOW = Duration.ofMinutes(15);

  final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T03:00:00Z"));
  final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(3, WINDOW, 100), clock);

  @Test
  void shouldMakeAnAddressWaitAfterTooManyFailures() {
    fail("10.9.8.7", 2);
    assertThat(throttle.waitFor("10.9.8.7")).isEmpty();

    fail("10.9.8.7", 1);
    clock.move(Duration.ofMinutes(5));

    assertThat(throttle.waitFor("10.9.8.7")).contains(Duration.ofMinutes(10));
    assertThat(throttle.waitFor("192.0.2.1")).as("another address").isEmpty();
  }

  @Test
  void shouldForgetFailuresOnceTheWindowHasPassed() {
    fail("10.9.8.7", 3);
    clock.move(WINDOW);

    assertThat(throttle.waitFor("10.9.8.7")).isEmpty();
    fail("10.9.8.7", 2);
    assertThat(throttle.waitFor("10.9.8.7")).as("a new window counts from zero").isEmpty();
  }

  @Test
  void shouldForgetTheOldestAddressesBeyondItsBound() {
    for (int i = 0; i < 150; i++) {
      fail("10.0.0." + i, 3);
    }

    assertThat(throttle.waitFor("10.0.0.0")).as("pushed out").isEmpty();
    assertThat(throttle.waitFor("10.0.0.149")).isPresent();
  }

  private void fail(String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(address);
    }
  }

  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
