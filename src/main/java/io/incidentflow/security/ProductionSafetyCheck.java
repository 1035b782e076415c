package io.incidentflow.security;

import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In the {@code prod} profile the engine does not start with anything the demo ships or switches on: its
 * admin password, intake token, link secret or PagerDuty routing keys, its users or its mail sink; nor with a
 * missing or weak secret. A process engine plugin runs before the starter creates the admin user. Every
 * problem is named at once, so that one restart fixes them all.
 */
@Component
@Profile("prod")
class ProductionSafetyCheck extends AbstractProcessEnginePlugin {

  static final int MIN_PASSWORD_LENGTH = 12;
  static final int MIN_SECRET_LENGTH = 24;
  static final Set<String> KNOWN_DEFAULTS =
      Set.of("admin", "demo", "password", "camunda", "changeme", "secret", "incidentflow", "123456");

  /** What production is configured with. */
  record Settings(String adminPassword, String intakeToken, String linkSecret, boolean demoEnabled,
      boolean mailSinkEnabled, List<ServiceDefinition> services) {}

  private final Settings settings;

  ProductionSafetyCheck(
      @Value("${camunda.bpm.admin-user.password:}") String adminPassword,
      @Value("${incidentflow.intake.token:}") String intakeToken,
      @Value("${incidentflow.links.secret:}") String linkSecret,
      @Value("${incidentflow.demo.enabled:false}") boolean demoEnabled,
      @Value("${incidentflow.mail-sink.enabled:false}") boolean mailSinkEnabled,
      ServiceCatalogProperties catalog) {
    this.settings = new Settings(adminPassword, intakeToken, linkSecret, demoEnabled, mailSinkEnabled,
        catalog.services() == null ? List.of() : catalog.services());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<String> problems = problems(settings, ShippedDemoValues.read());
    if (!problems.isEmpty()) {
      throw new IllegalStateException("IncidentFlow refuses to start in the prod profile:"
          + problems.stream().map(problem -> "\n - " + problem).collect(Collectors.joining()));
    }
  }

  static List<String> problems(Settings settings, ShippedDemoValues demo) {
    List<String> problems = new ArrayList<>();
    String admin = settings.adminPassword();
    if (admin == null || admin.isBlank()) {
      problems.add("set INCIDENTFLOW_ADMIN_PASSWORD (the admin user's password)");
    } else if (admin.length() < MIN_PASSWORD_LENGTH || KNOWN_DEFAULTS.contains(admin.toLowerCase(Locale.ROOT))
        || admin.equals(demo.adminPassword()) || admin.equals(demo.demoPassword())) {
      problems.add("INCIDENTFLOW_ADMIN_PASSWORD is a known default or shorter than " + MIN_PASSWORD_LENGTH
          + " characters");
    }
    secret(problems, settings.intakeToken(), demo.intakeToken(), "INCIDENTFLOW_INTAKE_TOKEN",
        "the bearer token monitoring sends");
    secret(problems, settings.linkSecret(), demo.linkSecret(), "INCIDENTFLOW_LINK_SECRET",
        "the key that signs the links in customer mails");
    List<ServiceDefinition> services = settings.services();
    for (int i = 0; i < services.size(); i++) {
      if (services.get(i).routingKey() != null && demo.routingKeys().contains(services.get(i).routingKey())) {
        problems.add("the PagerDuty routing key of service '" + services.get(i).id() + "' is the demo's: give "
            + "incidentflow.services[" + i + "].routing-key the integration key of your PagerDuty service (for the "
            + "shipped catalog: INCIDENTFLOW_ROUTING_KEY_" + services.get(i).id().toUpperCase(Locale.ROOT)
            .replace('-', '_') + ")");
      }
    }
    if (settings.demoEnabled()) {
      problems.add("demo users are on: set incidentflow.demo.enabled=false");
    }
    if (settings.mailSinkEnabled()) {
      problems.add("the demo's local mail sink is on: set incidentflow.mail-sink.enabled=false and "
          + "INCIDENTFLOW_SMTP_HOST");
    }
    return problems;
  }

  private static void secret(List<String> problems, String value, String demoValue, String variable, String what) {
    if (value == null || value.length() < MIN_SECRET_LENGTH) {
      problems.add("set " + variable + " (" + what + ") to a random value of at least " + MIN_SECRET_LENGTH
          + " characters");
    } else if (value.equals(demoValue)) {
      problems.add(variable + " is the demo's value: set a random one");
    }
  }
}
