package io.incidentflow.statuspage;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.customer.CustomerDirectory;
import io.incidentflow.mail.MailOutbox;
import io.incidentflow.mail.MailProperties;
import io.incidentflow.mail.OutboxRecipient;
import io.incidentflow.mail.RecipientKind;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Email subscriptions from the status page, double opt-in: a request only sends a confirmation link; the
 * address joins the customer directory, subscribed to the service, when the link is confirmed.
 */
@Service
public class SubscriptionService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final ServiceCatalog catalog;
  private final CustomerDirectory directory;
  /** What became of a confirmation link. */
  public enum Confirmation { CONFIRMED, UNKNOWN, EXPIRED }

  /** A confirmation and, when confirmed, the service's name. */
  public record Confirmed(Confirmation state, String serviceName) {}

  private final MailOutbox outbox;
  private final MailProperties mail;
  private final SubscriptionLimits limits;
  private final StatusPageProperties properties;
  private final Clock clock;

  SubscriptionService(JdbcClient jdbc, ServiceCatalog catalog, CustomerDirectory directory, MailOutbox outbox,
      MailProperties mail, SubscriptionLimits limits, StatusPageProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.directory = directory;
    this.outbox = outbox;
    this.mail = mail;
    this.limits = limits;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Stores the request and puts the confirmation link in the outbox, mailed once this transaction commits.
   *
   * @param client the requesting client's address, for the per-client limit
   * @throws IllegalArgumentException naming the field when the address or the service is not valid
   * @throws SubscriptionLimits.TooManyRequestsException when the address or the client asked too often
   */
  @Transactional
  public void request(String email, String serviceId, String client) {
    String address = plainAddress(email);
    ServiceDefinition service = catalog.find(serviceId)
        .orElseThrow(() -> new IllegalArgumentException("service: unknown service"));
    String clientHash = SubscriptionLimits.client(client);
    limits.check(address, clientHash);
    String token = HexFormat.of().formatHex(randomBytes());
    jdbc.sql("""
            INSERT INTO status_subscription (token, email, service_id, created_at, client)
            VALUES (:token, :email, :service, :at, :client)""")
        .param("token", token).param("email", address).param("service", service.id())
        .param("at", Timestamp.from(clock.instant())).param("client", clientHash).update();
    outbox.enqueue(null, "subscription-" + token, RecipientKind.SUBSCRIBER, "subscription-confirm",
        "Confirm your subscription to " + service.name(), Map.of(
            "serviceName", service.name(),
            "confirmUrl", mail.publicUrl() + "/status/subscribe/confirm?token=" + token),
        List.of(new OutboxRecipient("sub-" + hash(address), address, address)));
  }

  /** Confirms a link that is known and not expired; confirming twice is harmless. */
  @Transactional
  public Confirmed confirm(String token) {
    record Pending(String email, String serviceId, Instant requestedAt) {}
    Optional<Pending> pending = jdbc.sql("SELECT email, service_id, created_at FROM status_subscription WHERE token = :token")
        .param("token", token)
        .query((rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())).optional();
    if (pending.isEmpty()) {
      return new Confirmed(Confirmation.UNKNOWN, null);
    }
    if (pending.get().requestedAt().plus(properties.confirmationValidity()).isBefore(clock.instant())) {
      return new Confirmed(Confirmation.EXPIRED, null);
    }
    jdbc.sql("UPDATE status_subscription SET confirmed_at = COALESCE(confirmed_at, :at) WHERE token = :token")
        .param("at", Timestamp.from(clock.instant())).param("token", token).update();
    String id = "sub-" + hash(pending.get().email());
    List<String> services = new ArrayList<>(directory.find(id).map(CustomerDirectory.Entry::services).orElse(List.of()));
    if (!services.contains(pending.get().serviceId())) {
      services.add(pending.get().serviceId());
    }
    directory.save(new CustomerDirectory.Entry(id, pending.get().email(), pending.get().email(), services));
    return new Confirmed(Confirmation.CONFIRMED,
        catalog.find(pending.get().serviceId()).map(ServiceDefinition::name).orElse(pending.get().serviceId()));
  }

  static String plainAddress(String email) {
    try {
      InternetAddress[] parsed = InternetAddress.parse(email == null ? "" : email.strip(), true);
      if (parsed.length != 1 || parsed[0].getPersonal() != null || !parsed[0].getAddress().equals(email.strip())) {
        throw new IllegalArgumentException("email: must be exactly one plain address");
      }
      parsed[0].validate();
      return parsed[0].getAddress();
    } catch (AddressException e) {
      throw new IllegalArgumentException("email: is not a valid address");
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String hash(String email) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.toLowerCase().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
