package io.incidentflow.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentflow.IncidentFlowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The prod profile refuses to start with a missing or well-known admin password. */
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

  private static void start(String adminPassword) {
    start(adminPassword, "a-random-intake-token-of-32-chars");
  }

  private static void start(String adminPassword, String intakeToken) {
    SpringApplication application = new SpringApplicationBuilder(IncidentFlowApplication.class)
        .profiles("prod")
        .web(WebApplicationType.NONE)
        .build();
    // As the environment would set them: everything but a good admin password
    application.run(
        "--spring.datasource.url=jdbc:h2:mem:prod-check",
        "--camunda.bpm.admin-user.password=" + adminPassword,
        "--incidentflow.intake.token=" + intakeToken,
        "--incidentflow.links.secret=a-random-link-secret",
        "--spring.mail.host=127.0.0.1",
        "--incidentflow.mail.from=IncidentFlow <incidents@example.com>",
        "--incidentflow.mail.public-url=https://incidents.example.com").close();
  }
}
