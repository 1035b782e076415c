package io.incidentflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;

class ReviewAnswersTest {

  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private final ReviewAnswers answers =
      new ReviewAnswers(new ReviewProperties(ZoneId.of("Europe/Berlin"), LocalTime.of(17, 0)));

  @Test
  void shouldReadAMeetingTimeWithOrWithoutOffset() {
    assertThat(answers.start("2026-12-02T14:00+01:00", NOW)).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
    assertThat(answers.start("2026-12-02T14:00", NOW)).as("Berlin time").isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
    assertThat(answers.start("2026-12-02T13:00:00Z", NOW)).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
  }

  @Test
  void shouldRefuseAMeetingInThePastOrUnreadable() {
    assertThatThrownBy(() -> answers.start("2026-11-30T09:00:00Z", NOW)).isInstanceOf(BadUserRequestException.class)
        .hasMessage("reviewStart: must be in the future, was 2026-11-30T09:00:00Z");
    assertThatThrownBy(() -> answers.start("tomorrow", NOW))
        .hasMessage("reviewStart: must be a date and time such as 2026-12-03T14:00+01:00, was 'tomorrow'");
    assertThatThrownBy(() -> answers.start(null, NOW)).hasMessage("reviewStart: is required");
  }

  @Test
  void shouldTakeAnHourUnlessToldAndRefuseOddLengths() {
    assertThat(answers.duration(null)).isEqualTo(Duration.ofHours(1));
    assertThat(answers.duration(45L)).isEqualTo(Duration.ofMinutes(45));
    assertThatThrownBy(() -> answers.duration(5)).hasMessage("reviewDurationMinutes: must be between 15 and 480 minutes, was 5");
    assertThatThrownBy(() -> answers.duration("long")).hasMessage("reviewDurationMinutes: must be a number of minutes, was 'long'");
  }

  @Test
  void shouldSplitFurtherAddressesAndRefuseOneThatIsNone() {
    assertThat(ReviewAnswers.addresses("vendor@example.org; Ops@Example.com,vendor@example.org"))
        .containsExactly("vendor@example.org", "Ops@Example.com");
    assertThat(ReviewAnswers.addresses(" ")).isEmpty();
    assertThatThrownBy(() -> ReviewAnswers.addresses("vendor@example.org, not-an-address"))
        .hasMessage("reviewExtraAttendees: 'not-an-address' is not a mail address");
  }

  @Test
  void shouldReadTheDynamicListSkippingEmptyRowsWithDatesDueAtTheEndOfTheWorkingDay() {
    List<ActionItem.Draft> drafts = answers.actionItems(Spin.JSON("""
        [{"description": "Alert 30 days before a certificate expires", "owner": "tom", "due": "2026-12-10"},
         {"description": "", "owner": "", "due": null},
         {"description": "Runbook for renewals", "owner": "dana", "due": "2026-12-11T12:00:00Z"}]"""), NOW);

    assertThat(drafts).containsExactly(
        new ActionItem.Draft("Alert 30 days before a certificate expires", "tom", Instant.parse("2026-12-10T16:00:00Z"),
            "actionItems[0]"),
        new ActionItem.Draft("Runbook for renewals", "dana", Instant.parse("2026-12-11T12:00:00Z"), "actionItems[2]"));
    assertThat(answers.actionItems(null, NOW)).isEmpty();
    assertThat(answers.actionItems("[]", NOW)).isEmpty();
  }

  @Test
  void shouldReadTheFormsRowsInTheirOrderAndNameARowByItsGroup() {
    List<ActionItem.Draft> drafts = answers.actionItems(Spin.JSON("""
        {"item10": {"description": "Tenth", "owner": "tom", "due": "2026-12-10"},
         "item2": {"description": "Second", "owner": "dana", "due": "2026-12-10"},
         "item1": {"description": "First", "owner": "tom", "due": "2026-12-10"},
         "item3": {"description": null, "owner": null, "due": null}}"""), NOW);

    assertThat(drafts).extracting(ActionItem.Draft::description).containsExactly("First", "Second", "Tenth");
    assertThatThrownBy(() -> answers.actionItems("{\"item1\": {\"description\": \"x\", \"due\": \"2026-12-10\"}}", NOW))
        .hasMessage("actionItems.item1.owner: name the user who owns it");
  }

  @Test
  void shouldNameTheRowAndFieldOfAnIncompleteActionItem() {
    assertThatThrownBy(() -> answers.actionItems("[{\"description\": \"x\", \"owner\": \"tom\", \"due\": \"2026-12-10\"},"
        + "{\"description\": \"Runbook\", \"due\": \"2026-12-10\"}]", NOW))
        .hasMessage("actionItems[1].owner: name the user who owns it");
    assertThatThrownBy(() -> answers.actionItems("[{\"owner\": \"tom\", \"due\": \"2026-12-10\"}]", NOW))
        .hasMessage("actionItems[0].description: say what is to be done");
    assertThatThrownBy(() -> answers.actionItems("[{\"description\": \"x\", \"owner\": \"tom\"}]", NOW))
        .hasMessage("actionItems[0].due: give a due date");
    assertThatThrownBy(() -> answers.actionItems("[{\"description\": \"x\", \"owner\": \"tom\", \"due\": \"2026-11-01\"}]", NOW))
        .hasMessage("actionItems[0].due: must be in the future, was 2026-11-01");
    assertThatThrownBy(() -> answers.actionItems("{\"description\": \"x\"}", NOW))
        .hasMessage("actionItems.description: must be an action item: description, owner and due");
    assertThatThrownBy(() -> answers.actionItems("\"one\"", NOW)).hasMessage("actionItems: must be a list of action items");
  }
}
