package io.incidentflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentflow.catalog.ServiceCatalog;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * IncidentFlow's own alert format, for scripts:
 * {@code {"service", "summary", "description", "severity", "dedupKey", "status": "firing"|"resolved",
 * "customerImpact", "details"}}.
 */
@Component
class GenericAlertFormat {

  /** @param note why the alert went to the catch-all service; null when it named its service */
  record Reading(Alert alert, String note) {}

  private final ServiceRouter router;

  GenericAlertFormat(ServiceCatalog catalog) {
    this.router = new ServiceRouter(catalog);
  }

  /** @throws InvalidAlertException naming each bad field */
  Reading read(JsonNode body) {
    if (!body.isObject()) {
      throw new InvalidAlertException("$", "must be a JSON object");
    }
    FieldErrors errors = new FieldErrors();
    ServiceRouter.Routed routed = router.read(errors, body, "service", "service", "is required");
    String service = routed == null ? null : routed.service().id();
    String note = routed == null ? null : routed.note();
    String statusText = errors.optionalText(body, "status", "status", 16);
    AlertStatus status = AlertStatus.FIRING;
    if ("resolved".equals(statusText)) {
      status = AlertStatus.RESOLVED;
    } else if (statusText != null && !"firing".equals(statusText)) {
      errors.add("status", "must be \"firing\" or \"resolved\"");
    }
    String summary = status == AlertStatus.FIRING
        ? errors.requiredText(body, "summary", "summary", 1024)
        : errors.optionalProse(body, "summary", "summary", 1024);
    String description = errors.optionalProse(body, "description", "description", 8000);
    String severityWord = errors.label(body, "severity", "severity", 32);
    String severity = SeverityWords.normalise(severityWord);
    if (severityWord != null && severity == null) {
      errors.add("severity", "must be one of critical, error, warning, info");
    }
    String dedupKey = errors.label(body, "dedupKey", "dedupKey", 255);
    if (status == AlertStatus.RESOLVED && dedupKey == null) {
      errors.add("dedupKey", "is required to resolve");
    }
    JsonNode impact = body.get("customerImpact");
    if (impact != null && !impact.isNull() && !impact.isBoolean()) {
      errors.add("customerImpact", "must be true or false");
    }
    JsonNode details = body.get("details");
    if (details != null && !details.isNull() && !details.isObject()) {
      errors.add("details", "must be an object");
    }
    if (!errors.isEmpty()) {
      throw new InvalidAlertException(errors.list());
    }
    String key = dedupKey != null ? dedupKey : UUID.randomUUID().toString();
    String text = ServiceRouter.describe(note, description);
    if (details != null && details.isObject()) {
      text = (text == null ? "" : text + "\n\n") + "Details: " + details;
    }
    return new Reading(new Alert(AlertSource.GENERIC, AlertSource.GENERIC.scopedKey(key), status, service, severity,
        summary, text, impact != null && impact.asBoolean(), null, body.toString()), note);
  }

  static String clientKey(Alert alert) {
    return alert.dedupKey().substring(alert.dedupKey().indexOf(':') + 1);
  }
}
