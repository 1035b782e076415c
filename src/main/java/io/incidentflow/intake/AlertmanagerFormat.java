package io.incidentflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Reads Prometheus Alertmanager's webhook message (version 4) and Grafana's webhook contact point message
 * (version 1: Alertmanager's message plus {@code orgId}, {@code title}, {@code state}, {@code message} and, per
 * alert, {@code values}, {@code silenceURL} and other links, all of which this format does not need). Each
 * alert is checked on its own: one bad alert does not cost the others of its group.
 */
@Component
class AlertmanagerFormat {

  /** One alert of the message: an alert to handle, or what is wrong with it. */
  record Entry(String fingerprint, Alert alert, List<String> errors, String note) {
    Entry(String fingerprint, Alert alert, List<String> errors) {
      this(fingerprint, alert, errors, null);
    }
  }

  private final ServiceRouter router;
  private final IntakeProperties properties;

  AlertmanagerFormat(ServiceCatalog catalog, IntakeProperties properties) {
    this.router = new ServiceRouter(catalog);
    this.properties = properties;
  }

  /** @throws InvalidAlertException when the message itself (not one of its alerts) is not a webhook message */
  List<Entry> read(JsonNode message) {
    FieldErrors envelope = new FieldErrors();
    if (!message.isObject()) {
      throw new InvalidAlertException("$", "must be an Alertmanager webhook message (a JSON object)");
    }
    // Versions "4" (Alertmanager) and "1" (Grafana) are the ones tested; another is read all the same when its
    // alerts can be read: a refusal would make the sender drop them for good.
    JsonNode alerts = message.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      envelope.add("alerts", "is required and must be an array");
    } else if (alerts.isEmpty()) {
      envelope.add("alerts", "must not be empty");
    }
    String groupKey = envelope.optionalText(message, "groupKey", "groupKey", 1024);
    if (!envelope.isEmpty()) {
      throw new InvalidAlertException(envelope.list());
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      entries.add(readAlert(alerts.get(i), "alerts[" + i + "]", groupKey));
    }
    return entries;
  }

  private Entry readAlert(JsonNode node, String path, String groupKey) {
    FieldErrors errors = new FieldErrors();
    if (!node.isObject()) {
      errors.add(path, "must be an object");
      return new Entry(null, null, errors.list());
    }
    String status = errors.requiredText(node, "status", path + ".status", 16);
    if (status != null && !status.equals("firing") && !status.equals("resolved")) {
      errors.add(path + ".status", "must be \"firing\" or \"resolved\", not \"" + status + "\"");
    }
    JsonNode labels = node.get("labels");
    String serviceLabel = properties.serviceLabel();
    ServiceDefinition service = null;
    String note = null;
    String severity = null;
    boolean customerImpact = false;
    if (labels == null || !labels.isObject()) {
      errors.add(path + ".labels", "is required and must be an object");
    } else {
      errors.labelValues(labels, path + ".labels");
      ServiceRouter.Routed routed = router.read(errors, labels, serviceLabel, path + ".labels." + serviceLabel,
          "is required: it names the service of the catalog");
      if (routed != null) {
        service = routed.service();
        note = routed.note();
      }
      severity = SeverityWords.normalise(errors.label(labels, "severity", path + ".labels.severity", 64));
      customerImpact = "true".equalsIgnoreCase(labels.path("customer_impact").asText());
    }
    JsonNode annotations = node.path("annotations");
    String summary = annotations.isObject() ? errors.optionalProse(annotations, "summary", path + ".annotations.summary", 1024) : null;
    String description = annotations.isObject()
        ? errors.optionalProse(annotations, "description", path + ".annotations.description", 8000) : null;
    String fingerprint = errors.optionalText(node, "fingerprint", path + ".fingerprint", 64);
    String generatorUrl = errors.optionalLink(node, "generatorURL", path + ".generatorURL", 2048);
    if (!errors.isEmpty()) {
      return new Entry(fingerprint, null, errors.list());
    }
    if (fingerprint == null) {
      fingerprint = fingerprintOf(labels);
    }
    if (summary == null) {
      // Prometheus sets no length limit on a label: a long alertname is cut as a long summary is. Stored whole, it
      // failed the insert, and Alertmanager retried the 503 for ever.
      String alertname = errors.optionalProse(labels, "alertname", path + ".labels.alertname", 1024);
      summary = alertname == null ? "Alert from Alertmanager" : alertname;
    }
    String described = ServiceRouter.describe(note, description);
    String details = (described == null ? "" : described)
        + (generatorUrl == null ? "" : (described == null ? "" : "\n\n") + "Source: " + generatorUrl);
    Alert alert = new Alert(AlertSource.ALERTMANAGER, AlertSource.ALERTMANAGER.scopedKey(fingerprint),
        "firing".equals(status) ? AlertStatus.FIRING : AlertStatus.RESOLVED, service.id(), severity, summary,
        details.isEmpty() ? null : details, customerImpact, groupKey, node.toString());
    return new Entry(fingerprint, alert, List.of(), note);
  }

  /** Alertmanager's fingerprint identifies an alert by its labels; older senders leave it out. */
  static String fingerprintOf(JsonNode labels) {
    Map<String, String> sorted = new TreeMap<>();
    labels.fields().forEachRemaining(entry -> sorted.put(entry.getKey(), entry.getValue().asText()));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(sorted.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
