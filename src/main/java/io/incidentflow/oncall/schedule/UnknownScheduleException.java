package io.incidentflow.oncall.schedule;

import java.util.NoSuchElementException;

/** No schedule has the id: a caller names a schedule that was never created or has been deleted. */
public class UnknownScheduleException extends NoSuchElementException {

  private final String scheduleId;

  public UnknownScheduleException(String scheduleId) {
    super("No on-call schedule '" + scheduleId + "' (GET /api/staff/schedules lists them)");
    this.scheduleId = scheduleId;
  }

  public String scheduleId() {
    return scheduleId;
  }
}
