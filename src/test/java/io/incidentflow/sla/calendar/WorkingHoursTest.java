package io.incidentflow.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {

  @Test
  void shouldReadStartAndEndAsWallClockTimes() {
    assertThat(WorkingHours.parse("08:00-18:00"))
        .isEqualTo(new WorkingHours(LocalTime.of(8, 0), LocalTime.of(18, 0)));
    assertThat(WorkingHours.parse(" 07:30 - 16:45 "))
        .isEqualTo(new WorkingHours(LocalTime.of(7, 30), LocalTime.of(16, 45)));
  }

  @Test
  void shouldReadTwentyFourAsTheEndOfTheDay() {
    WorkingHours wholeDay = WorkingHours.parse("00:00-24:00");

    assertThat(wholeDay).isEqualTo(WorkingHours.WHOLE_DAY);
    assertThat(wholeDay.wholeDay()).isTrue();
    assertThat(WorkingHours.parse("20:00-24:00").untilEndOfDay()).isTrue();
    assertThat(WorkingHours.parse("20:00-24:00").wholeDay()).isFalse();
  }

  @Test
  void shouldWriteWhatItReads() {
    for (String text : new String[] {"08:00-18:00", "00:00-24:00", "01:00-04:00"}) {
      assertThat(WorkingHours.parse(text)).hasToString(text);
    }
  }

  @Test
  void shouldRefuseHoursThatEndBeforeTheyStart() {
    assertThatThrownBy(() -> WorkingHours.parse("18:00-08:00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start before they end");
    assertThatThrownBy(() -> WorkingHours.parse("08:00-08:00")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseOtherFormsNamingTheText() {
    String[] texts = {"8-18", "08:00", "08:00-18:00-20:00", "08:00-00:00", "24:00-24:00", "", "nine to five"};
    for (String text : texts) {
      assertThatThrownBy(() -> WorkingHours.parse(text)).as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + text + "'");
    }
    assertThatThrownBy(() -> WorkingHours.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
