package io.incidentflow.timeline;

import io.incidentflow.incident.IncidentProcess;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * The timeline of an incident, running or finished: Camunda's history of its process (and of the paging it
 * called) merged with IncidentFlow's own records, in time order.
 */
@Service
public class IncidentTimeline {

  private final EngineHistorySteps engine;
  private final RecordSteps records;

  IncidentTimeline(EngineHistorySteps engine, RecordSteps records) {
    this.engine = engine;
    this.records = records;
  }

  /**
   * @param incidentId the incident's id, its process instance's business key
   * @throws UnknownIncidentException when no incident has that id
   */
  public List<TimelineStep> of(String incidentId) {
    List<HistoricProcessInstance> instances = engine.instances(IncidentProcess.PROCESS_KEY, incidentId);
    if (instances.isEmpty()) {
      throw new UnknownIncidentException(incidentId);
    }
    return TimelineOrder.merge(engine.steps(incidentId, instances), records.steps(incidentId));
  }
}
