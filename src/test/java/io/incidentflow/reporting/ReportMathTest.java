package io.incidentflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportMathTest {

  @Test
  void shouldAverageToOneDecimalHalfUp() {
    assertThat(ReportMath.mean(new long[] {240, 300})).isEqualByComparingTo("270.0");
    assertThat(ReportMath.mean(new long[] {1, 2, 2})).isEqualTo(new BigDecimal("1.7"));
    assertThat(ReportMath.mean(new long[] {1, 2})).isEqualTo(new BigDecimal("1.5"));
    assertThat(ReportMath.mean(new long[] {})).as("no value, no mean").isNull();
  }

  @Test
  void shouldTakeTheP90ByNearestRank() {
    assertThat(ReportMath.p90(new long[] {7})).isEqualTo(7L);
    // ten values: the 9th smallest, never interpolated towards the 10th
    assertThat(ReportMath.p90(new long[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5})).isEqualTo(9L);
    // eleven values: ⌈9.9⌉ = 10th
    assertThat(ReportMath.p90(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})).isEqualTo(10L);
    // two values: ⌈1.8⌉ = the larger one
    assertThat(ReportMath.p90(new long[] {240, 3000})).isEqualTo(3000L);
    assertThat(ReportMath.p90(new long[] {})).isNull();
  }

  @Test
  void shouldLeaveTheInputUnsorted() {
    long[] values = {3, 1, 2};
    ReportMath.p90(values);
    assertThat(values).containsExactly(3, 1, 2);
  }

  @Test
  void shouldCostTheExactSecondsNotTheRoundedMinutes() {
    // 50 minutes at 120.00 per minute
    assertThat(ReportMath.cost(3000, new BigDecimal("120.00"))).isEqualTo(new BigDecimal("6000.00"));
    // 61 seconds at 15.50: 15.50 × 61 / 60 = 15.758… → 15.76 (the rounded 1.02 minutes would give 15.81)
    assertThat(ReportMath.minutes(61)).isEqualTo(new BigDecimal("1.02"));
    assertThat(ReportMath.cost(61, new BigDecimal("15.50"))).isEqualTo(new BigDecimal("15.76"));
    assertThat(ReportMath.cost(0, new BigDecimal("80"))).isEqualTo(new BigDecimal("0.00"));
    assertThat(ReportMath.cost(3000, null)).as("no cost per minute configured").isNull();
  }

  @Test
  void shouldCountWholeSecondsAndNeverBelowZero() {
    Instant open = Instant.parse("2031-03-03T10:00:00Z");
    assertThat(ReportMath.seconds(open, open.plusMillis(240_999))).isEqualTo(240);
    assertThat(ReportMath.seconds(open, open.minusSeconds(5))).isZero();
  }

  @Test
  void shouldMitigateAtTheFallbackOrTheResolutionWhicheverCameFirst() {
    Instant open = Instant.parse("2031-03-03T10:00:00Z");
    Instant fallback = open.plusSeconds(600);
    Instant resolved = open.plusSeconds(3000);
    assertThat(new IncidentTimes("checkout", "SEV1", open, null, fallback, resolved).mitigatedAt()).isEqualTo(fallback);
    assertThat(new IncidentTimes("checkout", "SEV1", open, null, fallback, null).mitigatedAt()).isEqualTo(fallback);
    assertThat(new IncidentTimes("checkout", "SEV1", open, null, null, resolved).mitigatedAt()).isEqualTo(resolved);
    assertThat(new IncidentTimes("checkout", "SEV1", open, null, resolved.plusSeconds(1), resolved).mitigatedAt())
        .isEqualTo(resolved);
    assertThat(new IncidentTimes("checkout", "SEV1", open, null, null, null).mitigatedAt()).isNull();
  }
}
