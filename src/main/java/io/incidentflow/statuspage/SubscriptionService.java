package io.incidentflow.statuspage;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import io.incidentflow.customer.CustomerDirectory;
import io.incidentflow.mail.MailMessage;
import io.incidentflow.mail.MailProperties;
import io.incidentflow.mail.Mailer;
import io.incidentflow.mail.Recipient;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
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
  private final Mailer mailer;
  private final MailProperties mail;
  private final Clock clock;

  public SubscriptionService(JdbcClient jdbc, ServiceCatalog catalog, CustomerDirectory directory, Mailer mailer,
      MailProperties mail, Clock clock) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.directory = directory;
    this.mailer = mailer;
    this.mail = mail;
    this.clock = clock;
  }

  /** @throws IllegalArgumentException naming the field when the address or the service is not valid */
  @Transactional
  public void request(String email, String serviceId) {
    String address = plainAddress(email);
    ServiceDefinition service = catalog.find(serviceId)
        .orElseThrow(() -> new IllegalArgumentException("service: unknown service"));
    String token = HexFormat.of().formatHex(randomBytes());
    jdbc.sql("INSERT INTO status_subscription (token, email, service_id, created_at) VALUES (:token, :email, :service, :at)")
        .param("token", token).param("email", address).param("service", service.id())
        .param("at", Timestamp.from(clock.instant())).update();
    mailer.send(new MailMessage(new Recipient(address, address), "Confirm your subscription to " + service.name(),
        "subscription-confirm", Map.of(
            "serviceName", service.name(),
            "confirmUrl", mail.publicUrl() + "/status/subscribe/confirm?token=" + token), null));
  }

  /** @return the confirmed subscription's service name, or empty for an unknown token */
  @Transactional
  public Optional<String> confirm(String token) {
    record Pending(String email, String serviceId) {}
    Optional<Pending> pending = jdbc.sql("SELECT email, service_id FROM status_subscription WHERE token = :token")
        .param("token", token).query((rs, n) -> new Pending(rs.getString(1), rs.getString(2))).optional();
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    jdbc.sql("UPDATE status_subscription SET confirmed_at = COALESCE(confirmed_at, :at) WHERE token = :token")
        .param("at", Timestamp.from(clock.instant())).param("token", token).update();
    String id = "sub-" + hash(pending.get().email());
    List<String> services = new ArrayList<>(directory.find(id).map(CustomerDirectory.Entry::services).orElse(List.of()));
    if (!services.contains(pending.get().serviceId())) {
      services.add(pending.get().serviceId());
    }
    directory.save(new CustomerDirectory.Entry(id, pending.get().email(), pending.get().email(), services));
    return catalog.find(pending.get().serviceId()).map(ServiceDefinition::name);
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
