package io.incidentflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.catalog.ServiceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Production accepts nothing the demo ships: the check reads the shipped file, so no value escapes it. */
class ProductionSafetyCheckTest {

  static final ShippedDemoValues SHIPPED = ShippedDemoValues.read();
  static final String RANDOM_TOKEN = "kq3VZr8w1XpT0mB7nYc5LdA2";
  static final String RANDOM_SECRET = "Vb9sQ2mX7tK4pW1zR8nJ5cL0";

  @Test
  void shouldReadTheDemosSecretsFromTheShippedConfiguration() {
    assertThat(SHIPPED.intakeToken()).isEqualTo("demo-intake-token");
    assertThat(SHIPPED.linkSecret()).isEqualTo("demo-link-secret");
    assertThat(SHIPPED.adminPassword()).isEqualTo("admin");
    assertThat(SHIPPED.demoPassword()).isEqualTo("demo");
    assertThat(SHIPPED.routingKeys()).hasSize(3).allSatisfy(key -> assertThat(key).hasSize(32));
  }

  @Test
  void shouldRefuseEveryValueTheDemoShips() {
    List<ServiceDefinition> demoServices = List.of(service("checkout", SHIPPED.routingKeys().get(0)),
        service("search", SHIPPED.routingKeys().get(1)));
    var settings = new ProductionSafetyCheck.Settings(SHIPPED.adminPassword(), SHIPPED.intakeToken(),
        SHIPPED.linkSecret(), true, true, demoServices);

    assertThat(ProductionSafetyCheck.problems(settings, SHIPPED)).satisfiesExactly(
        admin -> assertThat(admin).contains("INCIDENTFLOW_ADMIN_PASSWORD is a known default"),
        token -> assertThat(token).contains("set INCIDENTFLOW_INTAKE_TOKEN"),
        secret -> assertThat(secret).contains("set INCIDENTFLOW_LINK_SECRET"),
        checkout -> assertThat(checkout).contains("service 'checkout' is the demo's", "INCIDENTFLOW_ROUTING_KEY_CHECKOUT"),
        search -> assertThat(search).contains("service 'search' is the demo's", "INCIDENTFLOW_ROUTING_KEY_SEARCH"),
        demo -> assertThat(demo).contains("demo users are on"),
        sink -> assertThat(sink).contains("local mail sink is on"));
  }

  @Test
  void shouldRefuseTheDemosPasswordAndLongDemoSecretsEvenWhenLongEnough() {
    ShippedDemoValues longerDemo = new ShippedDemoValues("admin", "a-long-demo-password", RANDOM_TOKEN, RANDOM_SECRET,
        List.of());
    var settings = new ProductionSafetyCheck.Settings("a-long-demo-password", RANDOM_TOKEN, RANDOM_SECRET, false,
        false, List.of());

    assertThat(ProductionSafetyCheck.problems(settings, longerDemo)).containsExactly(
        "INCIDENTFLOW_ADMIN_PASSWORD is a known default or shorter than 12 characters",
        "INCIDENTFLOW_INTAKE_TOKEN is the demo's value: set a random one",
        "INCIDENTFLOW_LINK_SECRET is the demo's value: set a random one");
  }

  @Test
  void shouldAcceptSecretsAndRoutingKeysOfItsOwn() {
    var settings = new ProductionSafetyCheck.Settings("a-long-admin-password-1", RANDOM_TOKEN, RANDOM_SECRET, false,
        false, List.of(service("checkout", "0123456789abcdef0123456789abcdef"), service("billing", null)));

    assertThat(ProductionSafetyCheck.problems(settings, SHIPPED)).isEmpty();
  }

  private static ServiceDefinition service(String id, String routingKey) {
    return new ServiceDefinition(id, id, 1, "application", "runbook", routingKey, null);
  }
}
