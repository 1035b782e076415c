package io.incidentflow.config;

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

  private static void start(String adminPassword) {
    SpringApplication application = new SpringApplicationBuilder(IncidentFlowApplication.class)
        .profiles("prod")
        .web(WebApplicationType.NONE)
        .build();
    // As the environment would set them: everything but a good admin password
    application.run(
        "--spring.datasource.url=jdbc:h2:mem:prod-check",
        "--camunda.bpm.admin-user.password=" + adminPassword,
        "--spring.mail.host=127.0.0.1",
        "--incidentflow.mail.from=IncidentFlow <incidents@example.com>",
        "--incidentflow.mail.public-url=https://incidents.example.com").close();
  }
}
