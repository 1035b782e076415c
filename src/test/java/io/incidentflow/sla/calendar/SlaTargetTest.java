package io.incidentflow.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlaTargetTest {

  @Test
  void shouldReadDurationsWithHoursAndMinutes() {
    assertThat(BusinessCalendar.parseTarget("PT4H")).isEqualTo(Duration.ofHours(4));
    assertThat(BusinessCalendar.parseTarget("PT30M")).isEqualTo(Duration.ofMinutes(30));
    assertThat(BusinessCalendar.parseTarget(" P1DT12H ")).isEqualTo(Duration.ofHours(36));
  }

  @Test
  void shouldReadDaysAndWeeksAsTwentyFourHoursADay() {
    assertThat(BusinessCalendar.parseTarget("P1D")).isEqualTo(Duration.ofHours(24));
    assertThat(BusinessCalendar.parseTarget("P3D")).isEqualTo(Duration.ofHours(72));
    assertThat(BusinessCalendar.parseTarget("P1W")).isEqualTo(Duration.ofDays(7));
    assertThat(BusinessCalendar.parseTarget("P1W2D")).isEqualTo(Duration.ofDays(9));
  }

  @Test
  void shouldRefuseMonthsYearsNegativeTargetsAndNonsense() {
    assertThatThrownBy(() -> BusinessCalendar.parseTarget("P1M")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("months or years");
    assertThatThrownBy(() -> BusinessCalendar.parseTarget("P1Y")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BusinessCalendar.parseTarget("-PT4H")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> BusinessCalendar.parseTarget("P-1D")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BusinessCalendar.parseTarget("4 hours")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'4 hours'");
  }
}
