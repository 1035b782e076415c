package io.incidentflow.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * One IT service that incidents are raised against, with who repairs it and how.
 *
 * @param routingKey the PagerDuty Events API v2 integration key of the service: 32 characters, a secret
 *     (optional; without it the service takes no PagerDuty events)
 * @param haproxy how to move its users to backup servers (optional; without it the fallback is manual)
 * @param costPerMinute what a minute of the service's downtime costs, in {@code incidentflow.reporting.currency}
 *     (optional; without it the reports give no downtime cost for the service)
 */
public record ServiceDefinition(
    @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id,
    @NotBlank String name,
    @Min(1) @Max(3) int tier,
    @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String technicianGroup,
    @NotBlank String runbook,
    @Pattern(regexp = "[A-Za-z0-9]{32}") String routingKey,
    @Valid HaproxyRoute haproxy,
    @DecimalMin("0") BigDecimal costPerMinute) {

  @ConstructorBinding
  public ServiceDefinition {}

  /** A service without a downtime cost. */
  public ServiceDefinition(String id, String name, int tier, String technicianGroup, String runbook, String routingKey,
      HaproxyRoute haproxy) {
    this(id, name, tier, technicianGroup, runbook, routingKey, haproxy, null);
  }
}
