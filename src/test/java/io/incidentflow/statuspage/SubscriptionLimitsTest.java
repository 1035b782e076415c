package io.incidentflow.statuspage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The subscription limits count what the database holds, per address and per client, within the window. */
@JdbcTest(properties = {"incidentflow.status-page.requests-per-address=2",
    "incidentflow.status-page.requests-per-client=3"})
@Import({SubscriptionLimits.class, SubscriptionLimitsTest.FixedClock.class})
@org.springframework.boot.context.properties.EnableConfigurationProperties(StatusPageProperties.class)
class SubscriptionLimitsTest {

  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  @TestConfiguration
  static class FixedClock {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @Autowired SubscriptionLimits limits;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldRefuseAThirdRequestForOneAddressWithinTheWindow() {
    requested("fan@example.org", "client-a", NOW.minus(Duration.ofMinutes(50)));
    requested("fan@example.org", "client-b", NOW.minus(Duration.ofMinutes(5)));

    assertThatThrownBy(() -> limits.check("fan@example.org", "client-c"))
        .isInstanceOf(SubscriptionLimits.TooManyRequestsException.class).hasMessageStartingWith("email:");
    assertThatCode(() -> limits.check("other@example.org", "client-c")).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseAClientThatAskedForManyAddresses() {
    for (int i = 0; i < 3; i++) {
      requested("victim-" + i + "@example.org", "client-x", NOW.minus(Duration.ofMinutes(i)));
    }

    assertThatThrownBy(() -> limits.check("victim-9@example.org", "client-x"))
        .isInstanceOf(SubscriptionLimits.TooManyRequestsException.class).hasMessageContaining("your network");
  }

  @Test
  void shouldForgetRequestsOlderThanTheWindow() {
    requested("old@example.org", "client-o", NOW.minus(Duration.ofMinutes(61)));
    requested("old@example.org", "client-o", NOW.minus(Duration.ofMinutes(90)));

    assertThatCode(() -> limits.check("old@example.org", "client-o")).doesNotThrowAnyException();
  }

  private void requested(String email, String client, Instant at) {
    jdbc.sql("""
            INSERT INTO status_subscription (token, email, service_id, created_at, client)
            VALUES (:token, :email, 'login', :at, :client)""")
        .param("token", java.util.UUID.randomUUID().toString()).param("email", email)
        .param("at", Timestamp.from(at)).param("client", client).update();
  }
}
