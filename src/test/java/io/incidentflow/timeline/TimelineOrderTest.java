package io.incidentflow.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentflow.timeline.TimelineStep.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineOrderTest {

  static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

  @Test
  void shouldListStepsOfEverySourceInTimeOrder() {
    TimelineStep page = TimelineStep.of(T0.plusSeconds(1), Kind.PAGE, "Level 1", "tom");
    TimelineStep alert = TimelineStep.of(T0, Kind.ALERT, "firing", null);
    TimelineStep completed = TimelineStep.of(T0.plusSeconds(300), Kind.TASK_COMPLETED, "Acknowledge incident", "tom");

    assertThat(TimelineOrder.merge(List.of(completed), List.of(page, alert))).containsExactly(alert, page, completed);
  }

  @Test
  void shouldPutWhatAPersonDidBeforeWhatTheEngineDidInReactionAtTheSameInstant() {
    TimelineStep nextActivity = TimelineStep.of(T0, Kind.ACTIVITY, "Apply confirmed severity", null);
    TimelineStep nextTask = TimelineStep.of(T0, Kind.TASK_CREATED, "Resolve incident", null);
    TimelineStep answer = TimelineStep.of(T0, Kind.VARIABLE, "severity: SEV1", "ivy");
    TimelineStep clock = TimelineStep.of(T0, Kind.SLA, "SLA scope: met", null);
    TimelineStep completed = TimelineStep.of(T0, Kind.TASK_COMPLETED, "Scope incident", "ivy");

    assertThat(TimelineOrder.merge(List.of(nextActivity, nextTask), List.of(answer, clock, completed)))
        .containsExactly(completed, answer, clock, nextActivity, nextTask);
  }

  @Test
  void shouldPutAClaimBeforeItsCompletionAndAHandOverAfterItsTaskAtTheSameInstant() {
    TimelineStep claim = TimelineStep.of(T0, Kind.TASK_CLAIMED, "Scope incident assigned to ivy", "ivy");
    TimelineStep completed = TimelineStep.of(T0, Kind.TASK_COMPLETED, "Scope incident", "ivy");
    TimelineStep created = TimelineStep.of(T0, Kind.TASK_CREATED, "Resolve incident", null);
    TimelineStep handedOver = TimelineStep.of(T0, Kind.TASK_ASSIGNED, "Resolve incident assigned to tom", "tom");
    TimelineStep start = TimelineStep.of(T0, Kind.PROCESS_STARTED, "Incident reported", "ivy");

    assertThat(TimelineOrder.merge(List.of(created, completed, handedOver, claim, start)))
        .containsExactly(start, claim, completed, created, handedOver);
    assertThat(List.of(claim.kind().label(), handedOver.kind().label())).containsOnly("task-assigned");
  }

  @Test
  void shouldKeepTheSourceOrderOfStepsOfOneKindAtOneInstant() {
    TimelineStep register = TimelineStep.of(T0, Kind.ACTIVITY, "Register incident", null);
    TimelineStep classify = TimelineStep.of(T0, Kind.ACTIVITY, "Classify incident", null);
    TimelineStep page = TimelineStep.of(T0, Kind.ACTIVITY, "Page responders", null);

    assertThat(TimelineOrder.merge(List.of(register, classify, page))).containsExactly(register, classify, page);
  }

  @Test
  void shouldLeaveOutStepsWithoutATime() {
    TimelineStep unsent = TimelineStep.of(null, Kind.CUSTOMER_MAIL, "pending", null);
    TimelineStep alert = TimelineStep.of(T0, Kind.ALERT, "firing", null);

    assertThat(TimelineOrder.merge(List.of(unsent, alert))).containsExactly(alert);
  }
}
