package io.incidentflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceDefinition;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reads a PagerDuty Events API v2 event (trigger, acknowledge, resolve) the way PagerDuty checks it. The
 * routing key names the service of the catalog and is its secret.
 */
@Component
class PagerDutyFormat {

  static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
  static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  private final ServiceCatalog catalog;

  PagerDutyFormat(ServiceCatalog catalog) {
    this.catalog = catalog;
  }

  /** @throws InvalidAlertException naming each bad field */
  Alert read(JsonNode event) {
    if (!event.isObject()) {
      throw new InvalidAlertException("event", "must be a JSON object");
    }
    FieldErrors errors = new FieldErrors();
    String routingKey = errors.requiredText(event, "routing_key", "routing_key", 64);
    ServiceDefinition service = null;
    if (routingKey != null) {
      if (routingKey.length() != 32) {
        errors.add("routing_key", "length is incorrect (should be 32 characters)");
      } else {
        service = catalog.findByRoutingKey(routingKey).orElse(null);
        if (service == null) {
          errors.add("routing_key", "is not the integration key of any service");
        }
      }
    }
    String action = errors.requiredText(event, "event_action", "event_action", 16);
    if (action != null && !ACTIONS.contains(action)) {
      errors.add("event_action", "must be one of trigger, acknowledge, resolve");
    }
    String dedupKey = errors.optionalText(event, "dedup_key", "dedup_key", 255);
    if (!"trigger".equals(action) && action != null && dedupKey == null && event.get("dedup_key") == null) {
      errors.add("dedup_key", "is required for " + action);
    }
    String summary = null;
    String severity = null;
    String description = null;
    if ("trigger".equals(action)) {
      JsonNode payload = event.get("payload");
      if (payload == null || !payload.isObject()) {
        errors.add("payload", "is required and must be an object");
      } else {
        summary = errors.requiredText(payload, "summary", "payload.summary", 1024);
        errors.requiredText(payload, "source", "payload.source", 255);
        severity = errors.requiredText(payload, "severity", "payload.severity", 16);
        if (severity != null && !SEVERITIES.contains(severity)) {
          errors.add("payload.severity", "must be one of critical, error, warning, info");
        }
        String timestamp = errors.optionalText(payload, "timestamp", "payload.timestamp", 64);
        if (timestamp != null) {
          if (!isIso8601(timestamp)) {
            errors.add("payload.timestamp", "must be an ISO 8601 date and time");
          }
        }
        for (String field : new String[] {"component", "group", "class"}) {
          errors.optionalText(payload, field, "payload." + field, 255);
        }
        description = describe(payload, event);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidAlertException(errors.list());
    }
    String key = dedupKey != null ? dedupKey : UUID.randomUUID().toString().replace("-", "");
    AlertStatus status = switch (action) {
      case "trigger" -> AlertStatus.FIRING;
      case "acknowledge" -> AlertStatus.ACKNOWLEDGED;
      default -> AlertStatus.RESOLVED;
    };
    return new Alert(AlertSource.PAGERDUTY, AlertSource.PAGERDUTY.scopedKey(routingKey + ":" + key), status,
        service.id(), severity, summary, description, false, null, event.toString());
  }

  /** PagerDuty's own examples write the offset without a colon ({@code +0000}); both forms are ISO 8601. */
  static boolean isIso8601(String timestamp) {
    for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.ISO_OFFSET_DATE_TIME, BASIC_OFFSET}) {
      try {
        OffsetDateTime.parse(timestamp, format);
        return true;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return false;
  }

  private static final DateTimeFormatter BASIC_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]XX");

  /** The key the client sees: PagerDuty's dedup_key, without our scope. */
  static String clientKey(Alert alert) {
    String scoped = alert.dedupKey();
    return scoped.substring(scoped.indexOf(':', scoped.indexOf(':') + 1) + 1);
  }

  private static String describe(JsonNode payload, JsonNode event) {
    StringBuilder text = new StringBuilder();
    text.append("Source: ").append(payload.path("source").asText());
    for (String field : new String[] {"component", "group", "class"}) {
      if (payload.hasNonNull(field)) {
        text.append("\n").append(Character.toUpperCase(field.charAt(0))).append(field.substring(1)).append(": ")
            .append(payload.get(field).asText());
      }
    }
    if (payload.hasNonNull("custom_details")) {
      text.append("\nDetails: ").append(payload.get("custom_details"));
    }
    if (event.hasNonNull("client_url")) {
      text.append("\nClient: ").append(event.path("client").asText("")).append(" ").append(event.get("client_url").asText());
    }
    return text.toString();
  }
}
