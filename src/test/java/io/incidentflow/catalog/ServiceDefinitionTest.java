package io.incidentflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The catalog's cost per minute: bound as a decimal from application.yaml, optional, never negative. */
class ServiceDefinitionTest {

  static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

  @Test
  void shouldBindTheCostPerMinuteAsAnExactDecimal() {
    ServiceCatalogProperties catalog = bind(Map.of("incidentflow.services[0].cost-per-minute", "15.50"));

    assertThat(catalog.services().get(0).costPerMinute()).isEqualTo(new BigDecimal("15.50"));
    assertThat(VALIDATOR.validate(catalog)).isEmpty();
  }

  @Test
  void shouldLeaveTheCostPerMinuteOutWhenNotGiven() {
    ServiceCatalogProperties catalog = bind(Map.of());

    assertThat(catalog.services().get(0).costPerMinute()).isNull();
    assertThat(VALIDATOR.validate(catalog)).isEmpty();
  }

  @Test
  void shouldRefuseANegativeCostPerMinuteNamingIt() {
    Set<ConstraintViolation<ServiceCatalogProperties>> violations =
        VALIDATOR.validate(bind(Map.of("incidentflow.services[0].cost-per-minute", "-0.01")));

    assertThat(violations).singleElement()
        .satisfies(violation -> assertThat(violation.getPropertyPath()).hasToString("services[0].costPerMinute"));
  }

  private static ServiceCatalogProperties bind(Map<String, String> extra) {
    Map<String, String> properties = new java.util.HashMap<>(Map.of(
        "incidentflow.services[0].id", "checkout",
        "incidentflow.services[0].name", "Checkout",
        "incidentflow.services[0].tier", "1",
        "incidentflow.services[0].technician-group", "application",
        "incidentflow.services[0].runbook", "Restart it"));
    properties.putAll(extra);
    return new Binder(new MapConfigurationPropertySource(properties))
        .bind("incidentflow", ServiceCatalogProperties.class).get();
  }
}
