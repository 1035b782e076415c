package io.incidentflow.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * processes/severity-targets.dmn, rule by rule, on the DMN engine alone: the targets decision the process
 * evaluates, which requires the classification.
 */
class IncidentSeverityDecisionTest {

  private static DmnEngine dmn;
  private static DmnDecision decision;
  private static DmnDecision classification;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream model = IncidentSeverityDecisionTest.class.getResourceAsStream("/processes/severity-targets.dmn")) {
      for (DmnDecision parsed : dmn.parseDecisions(model)) {
        if (parsed.getKey().equals(IncidentProcess.TARGETS_DECISION_KEY)) {
          decision = parsed;
        } else if (parsed.getKey().equals(IncidentProcess.SEVERITY_DECISION_KEY)) {
          classification = parsed;
        }
      }
    }
  }

  @Test
  void shouldClassifyOnlyAndGiveTargetsOncePerSeverity() {
    assertThat(classification.getRequiredDecisions()).isEmpty();
    assertThat(((DmnDecisionTableImpl) classification.getDecisionLogic()).getOutputs())
        .extracting(DmnDecisionTableOutputImpl::getOutputName).containsExactly(IncidentVariables.SEVERITY);
    assertThat(decision.getRequiredDecisions()).containsExactly(classification);
    assertThat(((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules()).hasSize(4);
  }

  @ParameterizedTest(name = "{0}: {1}, confirm {2}, approve {3}, managers after {4}, task priority {5}")
  @CsvSource({
      "SEV1, 24x7,           PT15M, PT10M, PT30M, 90",
      "SEV2, 24x7,           PT30M, PT15M, PT1H,  70",
      "SEV3, business-hours, PT2H,  PT1H,  PT4H,  50",
      "SEV4, business-hours, PT8H,  PT4H,  PT8H,  30"})
  void shouldGiveEachSeverityItsCalendarTargetsAndTaskPriority(String severity, String calendar, String confirm,
      String approve, String climbAfter, int taskPriority) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(IncidentVariables.REPORTED_SEVERITY, severity);
    inputs.put(IncidentVariables.SERVICE_TIER, 2);
    inputs.put(IncidentVariables.CUSTOMER_IMPACT, true);

    DmnDecisionResultEntries result = dmn.evaluateDecision(decision, inputs).getSingleResult();

    assertThat(result.<String>getEntry(IncidentVariables.SLA_CALENDAR)).isEqualTo(calendar);
    assertThat(result.<String>getEntry(IncidentVariables.CONFIRM_TARGET)).isEqualTo(confirm);
    assertThat(result.<String>getEntry(IncidentVariables.APPROVE_TARGET)).isEqualTo(approve);
    assertThat(result.<String>getEntry(IncidentVariables.CLIMB_AFTER)).isEqualTo(climbAfter);
    assertThat(result.<Integer>getEntry(IncidentVariables.WARN_AT_PERCENT)).isEqualTo(75);
    assertThat(result.<Integer>getEntry(IncidentVariables.TASK_PRIORITY)).isEqualTo(taskPriority);
  }

  @ParameterizedTest(name = "{0} on tier {1}, customers affected {2} -> {3}")
  @CsvSource(nullValues = "none", value = {
      "SEV3,     1, true,  SEV3, PT1H,  PT8H, true",   // a person's severity is taken as is
      "critical, 1, false, SEV1, PT5M,  PT1H, true",
      "critical, 3, true,  SEV1, PT5M,  PT1H, true",
      "critical, 3, false, SEV2, PT15M, PT4H, true",
      "error,    1, true,  SEV2, PT15M, PT4H, true",
      "error,    2, true,  SEV3, PT1H,  PT8H, true",
      "warning,  2, true,  SEV3, PT1H,  PT8H, true",
      "warning,  1, false, SEV4, PT4H,  PT24H, false",
      "info,     1, true,  SEV4, PT4H,  PT24H, false",
      "none,     1, true,  SEV2, PT15M, PT4H, true",
      "none,     2, true,  SEV3, PT1H,  PT8H, true",
      "none,     1, false, SEV4, PT4H,  PT24H, false"})
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
        IncidentVariables.CONFIRM_TARGET, IncidentVariables.APPROVE_TARGET, IncidentVariables.SLA_CALENDAR,
        IncidentVariables.WARN_AT_PERCENT, IncidentVariables.CLIMB_AFTER, IncidentVariables.REVIEW_REQUIRED, IncidentVariables.AUTO_RESOLVE_ON_RECOVERY,
        IncidentVariables.UPDATE_APPROVAL_REQUIRED, IncidentVariables.TASK_PRIORITY);
    assertThat(result.<Boolean>getEntry(IncidentVariables.UPDATE_APPROVAL_REQUIRED))
        .isEqualTo("SEV1".equals(severity) || "SEV2".equals(severity));
    assertThat(result.<Boolean>getEntry(IncidentVariables.AUTO_RESOLVE_ON_RECOVERY)).isEqualTo("SEV4".equals(severity));
  }
}
