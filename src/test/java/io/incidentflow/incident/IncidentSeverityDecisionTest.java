package io.incidentflow.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** processes/incident-severity.dmn, rule by rule, on the DMN engine alone. */
class IncidentSeverityDecisionTest {

  private static DmnEngine dmn;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream model = IncidentSeverityDecisionTest.class.getResourceAsStream("/processes/incident-severity.dmn")) {
      decision = dmn.parseDecision(IncidentProcess.SEVERITY_DECISION_KEY, model);
    }
  }

  @ParameterizedTest(name = "{0} on tier {1}, customers affected {2} -> {3}")
  @CsvSource(nullValues = "none", value = {
      "SEV3,     1, true,  SEV3, PT1H,  P1D, true",   // a person's severity is taken as is
      "critical, 1, false, SEV1, PT5M,  PT1H, true",
      "critical, 3, true,  SEV1, PT5M,  PT1H, true",
      "critical, 3, false, SEV2, PT15M, PT4H, true",
      "error,    1, true,  SEV2, PT15M, PT4H, true",
      "error,    2, true,  SEV3, PT1H,  P1D, true",
      "warning,  2, true,  SEV3, PT1H,  P1D, true",
      "warning,  1, false, SEV4, PT4H,  P3D, false",
      "info,     1, true,  SEV4, PT4H,  P3D, false",
      "none,     1, true,  SEV2, PT15M, PT4H, true",
      "none,     2, true,  SEV3, PT1H,  P1D, true",
      "none,     1, false, SEV4, PT4H,  P3D, false"})
  void shouldClassifySeverityAndTargets(String reported, int tier, boolean impact, String severity,
      String acknowledgeTarget, String resolveTarget, boolean reviewRequired) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(IncidentVariables.REPORTED_SEVERITY, reported);
    inputs.put(IncidentVariables.SERVICE_TIER, tier);
    inputs.put(IncidentVariables.CUSTOMER_IMPACT, impact);

    DmnDecisionResultEntries result = dmn.evaluateDecision(decision, inputs).getSingleResult();

    assertThat(result.<String>getEntry(IncidentVariables.SEVERITY)).isEqualTo(severity);
    assertThat(result.<String>getEntry(IncidentVariables.ACKNOWLEDGE_TARGET)).isEqualTo(acknowledgeTarget);
    assertThat(result.<String>getEntry(IncidentVariables.RESOLVE_TARGET)).isEqualTo(resolveTarget);
    assertThat(result.<Boolean>getEntry(IncidentVariables.REVIEW_REQUIRED)).isEqualTo(reviewRequired);
    assertThat(result.keySet()).containsExactlyInAnyOrder(IncidentVariables.SEVERITY,
        IncidentVariables.ACKNOWLEDGE_TARGET, IncidentVariables.SCOPE_TARGET, IncidentVariables.RESOLVE_TARGET,
        IncidentVariables.WORKAROUND_TARGET, IncidentVariables.UPDATE_CADENCE, IncidentVariables.REVIEW_TARGET,
        IncidentVariables.REVIEW_REQUIRED, IncidentVariables.AUTO_RESOLVE_ON_RECOVERY,
        IncidentVariables.UPDATE_APPROVAL_REQUIRED);
    assertThat(result.<Boolean>getEntry(IncidentVariables.UPDATE_APPROVAL_REQUIRED))
        .isEqualTo("SEV1".equals(severity) || "SEV2".equals(severity));
    assertThat(result.<Boolean>getEntry(IncidentVariables.AUTO_RESOLVE_ON_RECOVERY)).isEqualTo("SEV4".equals(severity));
  }
}
