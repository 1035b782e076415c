package io.incidentflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webapps' translations with IncidentFlow's wording where Camunda's confuses: in an incident tool Cockpit's
 * "Open Incidents" are Camunda's failed jobs, not incidents. Each app loads {@code app/<app>/locales/<lang>.json}
 * from the webjar; this answers that file with the labels of {@code webapps/<app>/locales/<lang>.json} (only the
 * changed keys, on our classpath) put over Camunda's. A file without changes of ours is Camunda's, unchanged.
 */
@RestController
class WebappLocales {

  static final String OVERRIDES = "classpath:/webapps/%s/locales/%s.json";

  private final ResourceLoader resources;
  private final ObjectMapper json;
  private final String webjar;
  private final Map<String, Optional<byte[]>> answers = new ConcurrentHashMap<>();

  WebappLocales(ResourceLoader resources, ObjectMapper json, CamundaBpmProperties camunda) {
    this.resources = resources;
    this.json = json;
    this.webjar = "classpath:" + camunda.getWebapp().getWebjarClasspath() + "/app/%s/locales/%s.json";
  }

  @GetMapping("${camunda.bpm.webapp.application-path:/camunda}/app/{app:[a-z]+}/locales/{language:[a-zA-Z-]+}.json")
  ResponseEntity<byte[]> locale(@PathVariable String app, @PathVariable String language) {
    return answers.computeIfAbsent(app + "/" + language, key -> Optional.ofNullable(merged(app, language)))
        .map(body -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /** Camunda's file with our labels over its own, or null if Camunda has no such file. */
  byte[] merged(String app, String language) {
    try {
      Resource camunda = resources.getResource(webjar.formatted(app, language));
      if (!camunda.exists()) {
        return null;
      }
      ObjectNode locale;
      try (InputStream in = camunda.getInputStream()) {
        locale = (ObjectNode) json.readTree(in);
      }
      Resource ours = resources.getResource(OVERRIDES.formatted(app, language));
      if (ours.exists()) {
        try (InputStream in = ours.getInputStream()) {
          ((ObjectNode) locale.get("labels")).setAll((ObjectNode) json.readTree(in).get("labels"));
        }
      }
      return json.writeValueAsBytes(locale);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the " + app + " webapp's locale " + language, e);
    }
  }
}
