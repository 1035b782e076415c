package io.incidentflow.incidentpage;

import io.incidentflow.review.ActionItem;
import io.incidentflow.sla.SlaClockView;
import io.incidentflow.timeline.TimelineStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One incident as its page shows it (template incident.html): the header, the SLA clocks, the diagram with the
 * history on it and the timeline, every value already text. The diagram is SVG markup written by
 * {@link DiagramSvg}, which escapes every name; everything else the template escapes.
 */
record IncidentPage(String incidentId, String title, String service, String severity, String status,
    String process, String opened, String acknowledged, String resolved, String closed, List<Sla> slas,
    List<Step> steps, String diagram, List<Item> actionItems, boolean reviewDocument) {

  /** An action item of the review; {@code overdue}: open past its due time. */
  record Item(int number, String description, String owner, String due, String status, String note,
      boolean overdue) {

    static Item of(ActionItem item, Instant now) {
      return new Item(item.position() + 1, item.description(), item.owner(), time(item.dueAt()),
          item.status().name().toLowerCase(java.util.Locale.ROOT), item.note() == null ? "" : item.note(),
          item.status() == ActionItem.Status.OPEN && item.dueAt().isBefore(now));
    }
  }

  record Sla(String clock, String state, String target, String calendar, String started, String due,
      String stopped, String elapsed, boolean late) {

    static Sla of(SlaClockView clock) {
      String state = clock.state().name();
      return new Sla(clock.clock(), state, clock.target(), clock.calendar(), time(clock.startedAt()),
          time(clock.dueAt()), time(clock.stoppedAt()), duration(clock.elapsedTime()),
          state.equals("BREACHED") || state.equals("MISSED"));
    }
  }

  record Step(String at, String kind, String what, String who, String due, String met) {

    static Step of(TimelineStep step) {
      return new Step(time(step.at()), step.kind().label(), step.what(), step.who() == null ? "" : step.who(),
          time(step.due()), step.met() == null ? "" : step.met() ? "met" : "missed");
    }
  }

  /** The page's times, as the diagram's tooltips write them. */
  static String time(Instant instant) {
    return instant == null ? "" : DiagramSvg.TIME.format(instant);
  }

  /** Working time as people say it: 1 h 05 min, 4 min 30 s. */
  static String duration(Duration duration) {
    if (duration == null) {
      return "";
    }
    long seconds = duration.getSeconds();
    if (seconds >= 3600) {
      return String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
    return seconds >= 60 ? String.format("%d min %02d s", seconds / 60, seconds % 60) : seconds + " s";
  }
}
