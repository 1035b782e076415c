package io.incidentflow.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentflow.IncidentFlowApplication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The prod profile refuses to start with a missing or well-known secret, or with anything the demo ships, and
 * starts with secrets of its own.
 */
class ProductionProfileIT {

  @Test
  void shouldRefuseToStartWithoutAnAdminPassword() {
    assertThatThrownBy(() -> start("")).hasStackTraceContaining("set INCIDENTFLOW_ADMIN_PASSWORD");
  }

  @Test
  void shouldRefuseToStartWithAKnownDefaultAdminPassword() {
    assertThatThrownBy(() -> start("admin")).hasStackTraceContaining("is a known default");
  }

  @Test
  void shouldRefuseToStartWithoutAnIntakeToken() {
    assertThatThrownBy(() -> start("a-long-admin-password-1", "")).hasStackTraceContaining("set INCIDENTFLOW_INTAKE_TOKEN");
  }

  @Test
  void shouldRefuseToStartWithTheDemosRoutingKeysOrItsMailSink() {
    assertThatThrownBy(() -> start(List.of("INCIDENTFLOW_ROUTING_KEY_SEARCH=" + DEMO_SEARCH_KEY,
        "incidentflow.mail-sink.enabled=true")))
        .hasStackTraceContaining("the PagerDuty routing key of service 'search' is the demo's")
        .hasStackTraceContaining("the demo's local mail sink is on")
        .hasStackTraceContaining("INCIDENTFLOW_ROUTING_KEY_SEARCH");
  }

  @Test
  void shouldStartWithSecretsOfItsOwn() {
    assertThatCode(() -> start(WebApplicationType.SERVLET, List.of())).doesNotThrowAnyException();
  }

  static final String DEMO_SEARCH_KEY = "cafe0000000000000000000000000002";

  private static void start(String adminPassword) {
    start(adminPassword, "a-random-intake-token-of-32-chars");
  }

  private static void start(String adminPassword, String intakeToken) {
    start(List.of("camunda.bpm.admin-user.password=" + adminPassword, "incidentflow.intake.token=" + intakeToken));
  }

  /** As the environment would set them: good secrets of its own, unless {@code overrides} (key=value) say otherwise. */
  private static void start(List<String> overrides) {
    // No web server: the checks run in the engine's start, before the web layer validates its own settings.
    start(WebApplicationType.NONE, overrides);
  }

  private static void start(WebApplicationType web, List<String> overrides) {
    SpringApplication application = new SpringApplicationBuilder(IncidentFlowApplication.class)
        .profiles("prod")
        .web(web)
        .build();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", "jdbc:h2:mem:prod-check-" + UUID.randomUUID());
    settings.put("camunda.bpm.admin-user.password", "a-long-admin-password-1");
    settings.put("incidentflow.intake.token", "a-random-intake-token-of-32-chars");
    settings.put("incidentflow.links.secret", "a-random-link-secret-of-32-chars");
    settings.put("INCIDENTFLOW_ROUTING_KEY_CHECKOUT", "0123456789abcdef0123456789abcde0");
    settings.put("INCIDENTFLOW_ROUTING_KEY_SEARCH", "0123456789abcdef0123456789abcde1");
    settings.put("INCIDENTFLOW_ROUTING_KEY_LOGIN", "0123456789abcdef0123456789abcde2");
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("server.port", "0");
    settings.put("server.address", "127.0.0.1");
    settings.put("incidentflow.mail.from", "IncidentFlow <incidents@example.com>");
    settings.put("incidentflow.mail.public-url", "https://incidents.example.com");
    overrides.forEach(override -> settings.put(override.substring(0, override.indexOf('=')),
        override.substring(override.indexOf('=') + 1)));
    application.run(settings.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
        .toArray(String[]::new)).close();
  }
}
