package io.incidentflow.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/**
 * The secrets the shipped {@code application.yaml} gives the local demo (admin password, intake token, link
 * secret, routing keys), read from that file as it is, placeholders resolved to their defaults: whatever the
 * demo ships, production refuses, without a second copy of the values to keep in step.
 */
record ShippedDemoValues(String adminPassword, String demoPassword, String intakeToken, String linkSecret,
    List<String> routingKeys) {

  static final String SHIPPED = "application.yaml";

  static ShippedDemoValues read() {
    MutablePropertySources sources = new MutablePropertySources();
    try {
      new YamlPropertySourceLoader().load("shipped", new ClassPathResource(SHIPPED)).forEach(sources::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the shipped " + SHIPPED, e);
    }
    // Only the file itself: ${INCIDENTFLOW_LINK_SECRET:demo-link-secret} resolves to its default.
    PropertySourcesPropertyResolver file = new PropertySourcesPropertyResolver(sources);
    file.setIgnoreUnresolvableNestedPlaceholders(true);
    List<String> routingKeys = new ArrayList<>();
    for (int i = 0; file.containsProperty("incidentflow.services[" + i + "].id"); i++) {
      Optional.ofNullable(file.getProperty("incidentflow.services[" + i + "].routing-key")).ifPresent(routingKeys::add);
    }
    return new ShippedDemoValues(file.getProperty("camunda.bpm.admin-user.password"),
        file.getProperty("incidentflow.demo.password"), file.getProperty("incidentflow.intake.token"),
        file.getProperty("incidentflow.links.secret"), List.copyOf(routingKeys));
  }
}
