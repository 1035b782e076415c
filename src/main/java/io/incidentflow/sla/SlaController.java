package io.incidentflow.sla;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The SLA clocks of an incident, running or finished (who may read: security.StaffApiRules). */
@RestController
@Tag(name = "SLAs")
class SlaController {

  private final SlaClocks clocks;

  SlaController(SlaClocks clocks) {
    this.clocks = clocks;
  }

  @Operation(summary = "Every SLA clock of an incident: its target and calendar, state (RUNNING, PAUSED, WARNED, "
      + "BREACHED, MET, MISSED), when it warned and breached, paused and elapsed working time (ISO 8601)")
  @GetMapping("/api/staff/incidents/{incidentId}/slas")
  List<SlaClockView> slas(@PathVariable String incidentId) {
    return clocks.of(incidentId);
  }
}
