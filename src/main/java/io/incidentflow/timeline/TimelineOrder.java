package io.incidentflow.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Merges the steps of every source into one list in time order. */
final class TimelineOrder {

  /** By time, then by kind (see {@link TimelineStep.Kind}); steps equal in both keep the order of their source. */
  static final Comparator<TimelineStep> ORDER = Comparator.comparing(TimelineStep::at)
      .thenComparing(TimelineStep::kind);

  private TimelineOrder() {}

  /** @param sources each in its own order (history queries are ordered by occurrence) */
  @SafeVarargs
  static List<TimelineStep> merge(List<TimelineStep>... sources) {
    List<TimelineStep> all = new ArrayList<>();
    for (List<TimelineStep> source : sources) {
      source.stream().filter(Objects::nonNull).filter(step -> step.at() != null).forEach(all::add);
    }
    all.sort(ORDER); // List.sort is stable
    return List.copyOf(all);
  }
}
