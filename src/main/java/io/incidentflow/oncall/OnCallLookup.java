package io.incidentflow.oncall;

import java.time.Instant;
import java.util.Optional;

/** Who is on call in a schedule at an instant; empty when nobody is, or the schedule does not exist. */
public interface OnCallLookup {

  Optional<String> onCall(String scheduleId, Instant at);
}
