package io.incidentflow.tasklist;

import io.incidentflow.incident.IncidentProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of the incident process and of its review its {@link TaskPresentation}, from one place instead of a
 * listener copied onto each task of the model (Camunda's "global task listener" pattern). What a form asks
 * afresh stays in the model: the task's extension property {@value TaskPresentation#ASK_AFRESH}, editable in
 * Modeler.
 */
@Component
public class TaskPresentationPlugin extends AbstractProcessEnginePlugin {

  static final Set<String> PRESENTED_PROCESSES = Set.of(IncidentProcess.PROCESS_KEY, IncidentProcess.REVIEW_PROCESS_KEY);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (PRESENTED_PROCESSES.contains(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey())) {
          ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
              .addTaskListener(TaskListener.EVENTNAME_CREATE, new TaskPresentation(askAfresh(element)));
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  private static List<String> askAfresh(Element userTask) {
    Map<String, String> properties = BpmnParseUtil.parseCamundaExtensionProperties(userTask);
    String names = properties == null ? "" : properties.getOrDefault(TaskPresentation.ASK_AFRESH, "");
    return Arrays.stream(names.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
  }
}
