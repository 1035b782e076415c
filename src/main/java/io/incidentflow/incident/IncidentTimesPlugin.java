package io.incidentflow.incident;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Records on the incident row when it was first acknowledged ({@value IncidentProcess#END_ACKNOWLEDGED} reached)
 * and when its fallback was first in place ({@value IncidentProcess#GATEWAY_WORKAROUND_READY}), so that reports
 * read them from the incident and not from the history, which is cleaned up after 180 days and is slow to search
 * per incident. Added when the engine parses the model, not in the model, so that every deployed version of
 * incident.bpmn records them (instances running on an older version included), and the model stays as drawn.
 */
@Component
class IncidentTimesPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<IncidentService> incidents;

  // a provider: the engine is configured before the incident service's database access is ready
  IncidentTimesPlugin(ObjectProvider<IncidentService> incidents) {
    this.incidents = incidents;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    ExecutionListener acknowledged = execution -> incidents.getObject().acknowledged(incidentId(execution));
    ExecutionListener fallbackApplied = execution -> incidents.getObject().fallbackApplied(incidentId(execution));
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (isIncident(activity) && IncidentProcess.END_ACKNOWLEDGED.equals(activity.getId())) {
          activity.addListener(ExecutionListener.EVENTNAME_START, acknowledged);
        }
      }

      @Override
      public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (isIncident(activity) && IncidentProcess.GATEWAY_WORKAROUND_READY.equals(activity.getId())) {
          activity.addListener(ExecutionListener.EVENTNAME_START, fallbackApplied);
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  private static boolean isIncident(ActivityImpl activity) {
    return IncidentProcess.PROCESS_KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey());
  }

  private static String incidentId(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    return ProcessValues.string(execution, IncidentVariables.INCIDENT_ID);
  }
}
