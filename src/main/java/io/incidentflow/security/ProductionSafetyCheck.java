package io.incidentflow.security;

import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In the {@code prod} profile the engine does not start with a missing or well-known admin password, or with
 * demo users switched on. A process engine plugin runs before the starter creates the admin user.
 */
@Component
@Profile("prod")
class ProductionSafetyCheck extends AbstractProcessEnginePlugin {

  static final int MIN_PASSWORD_LENGTH = 12;
  static final Set<String> KNOWN_DEFAULTS =
      Set.of("admin", "demo", "password", "camunda", "changeme", "secret", "incidentflow", "123456");

  static final String DEMO_INTAKE_TOKEN = "demo-intake-token";

  private final String adminPassword;
  private final String intakeToken;
  private final boolean demoEnabled;

  ProductionSafetyCheck(
      @Value("${camunda.bpm.admin-user.password:}") String adminPassword,
      @Value("${incidentflow.intake.token:}") String intakeToken,
      @Value("${incidentflow.demo.enabled:false}") boolean demoEnabled) {
    this.adminPassword = adminPassword;
    this.intakeToken = intakeToken;
    this.demoEnabled = demoEnabled;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    check(adminPassword, intakeToken, demoEnabled);
  }

  static void check(String adminPassword, String intakeToken, boolean demoEnabled) {
    if (intakeToken == null || intakeToken.length() < 24 || intakeToken.equals(DEMO_INTAKE_TOKEN)) {
      throw new IllegalStateException("IncidentFlow refuses to start in the prod profile: set INCIDENTFLOW_INTAKE_TOKEN "
          + "(the bearer token monitoring sends) to a random value of at least 24 characters");
    }
    if (adminPassword == null || adminPassword.isBlank()) {
      throw new IllegalStateException(
          "IncidentFlow refuses to start in the prod profile: set INCIDENTFLOW_ADMIN_PASSWORD (the admin user's password)");
    }
    if (adminPassword.length() < MIN_PASSWORD_LENGTH || KNOWN_DEFAULTS.contains(adminPassword.toLowerCase(Locale.ROOT))) {
      throw new IllegalStateException("IncidentFlow refuses to start in the prod profile: INCIDENTFLOW_ADMIN_PASSWORD is "
          + "a known default or shorter than " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (demoEnabled) {
      throw new IllegalStateException(
          "IncidentFlow refuses to start in the prod profile with demo users: set incidentflow.demo.enabled=false");
    }
  }
}
