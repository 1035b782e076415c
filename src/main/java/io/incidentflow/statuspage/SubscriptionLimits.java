package io.incidentflow.statuspage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Limits subscription requests per email address and per client, counted in the database, so that every node
 * of a cluster counts the same. A client is stored as a hash of its address: enough to count, nothing to leak.
 */
@Component
class SubscriptionLimits {

  /** How long the caller should wait; a request over a limit is not stored. */
  static final class TooManyRequestsException extends RuntimeException {
    private final Duration retryAfter;

    TooManyRequestsException(String what, Duration retryAfter) {
      super(what);
      this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }

  private final JdbcClient jdbc;
  private final StatusPageProperties properties;
  private final Clock clock;

  SubscriptionLimits(JdbcClient jdbc, StatusPageProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** @throws TooManyRequestsException when the address or the client asked too often within the window */
  void check(String email, String client) {
    Instant since = clock.instant().minus(properties.requestWindow());
    if (count("email", email, since) >= properties.requestsPerAddress()) {
      throw new TooManyRequestsException("email: too many requests for this address; try again later",
          properties.requestWindow());
    }
    if (count("client", client, since) >= properties.requestsPerClient()) {
      throw new TooManyRequestsException("too many requests from your network; try again later",
          properties.requestWindow());
    }
  }

  private long count(String column, String value, Instant since) {
    return jdbc.sql("SELECT COUNT(*) FROM status_subscription WHERE " + column + " = :value AND created_at >= :since")
        .param("value", value).param("since", Timestamp.from(since)).query(Long.class).single();
  }

  /** The stored form of a client address. */
  static String client(String remoteAddress) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Optional.ofNullable(remoteAddress).orElse("").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
