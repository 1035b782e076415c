package io.incidentflow.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per client address in a fixed window; an address that failed too often waits until
 * its window ends. Per node and in memory: a cluster of n nodes allows n times the failures, which is still
 * far from guessing a password, and a restart forgets the counts.
 */
@Component
class LoginThrottle {

  private record Window(Instant start, int failures) {}

  private final LoginThrottleProperties properties;
  private final Clock clock;
  private final Map<String, Window> windows;

  LoginThrottle(LoginThrottleProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    // Access order and a size bound: a flood of addresses pushes out the oldest, never the memory.
    this.windows = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
        return size() > properties.maxTrackedAddresses();
      }
    };
  }

  /** How long the address must still wait, if it failed too often. */
  synchronized Optional<Duration> waitFor(String address) {
    Window window = current(address);
    if (window == null || window.failures() < properties.maxFailures()) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(clock.instant(), window.start().plus(properties.window())));
  }

  synchronized void failed(String address) {
    Window window = current(address);
    windows.put(address, window == null ? new Window(clock.instant(), 1) : new Window(window.start(), window.failures() + 1));
  }

  private Window current(String address) {
    Window window = windows.get(address);
    if (window != null && !clock.instant().isBefore(window.start().plus(properties.window()))) {
      windows.remove(address);
      return null;
    }
    return window;
  }
}
