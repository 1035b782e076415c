package io.incidentflow.sla;

import io.incidentflow.staff.StaffDirectory;
import io.incidentflow.staff.StaffMember;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Who an SLA notice goes to, as the escalation model names them (its {@code recipients} inputs, comma-separated):
 * {@code task:assignee} and {@code task:candidates} (of the late task, while it is open), {@code group:ID},
 * {@code user:ID}. Each person once, in the order named.
 */
@Component
public class SlaRecipients {

  private final StaffDirectory staff;
  private final TaskService tasks;

  public SlaRecipients(StaffDirectory staff, TaskService tasks) {
    this.staff = staff;
    this.tasks = tasks;
  }

  public List<StaffMember> resolve(String recipients, String incidentInstanceId, String taskKey) {
    Map<String, StaffMember> people = new LinkedHashMap<>();
    List<Task> open = incidentInstanceId == null || taskKey == null ? List.of()
        : tasks.createTaskQuery().processInstanceId(incidentInstanceId).taskDefinitionKey(taskKey).active().list();
    for (String spec : recipients.split(",")) {
      String target = spec.strip();
      if (target.equals("task:assignee")) {
        open.stream().filter(task -> task.getAssignee() != null)
            .forEach(task -> staff.find(task.getAssignee()).ifPresent(member -> people.putIfAbsent(member.userId(), member)));
      } else if (target.equals("task:candidates")) {
        for (Task task : open) {
          for (IdentityLink link : candidates(task)) {
            List<StaffMember> members = link.getGroupId() != null ? staff.membersOf(link.getGroupId())
                : staff.find(link.getUserId()).map(List::of).orElse(List.of());
            members.forEach(member -> people.putIfAbsent(member.userId(), member));
          }
        }
      } else if (target.startsWith("group:")) {
        staff.membersOf(target.substring("group:".length())).forEach(member -> people.putIfAbsent(member.userId(), member));
      } else if (target.startsWith("user:")) {
        staff.find(target.substring("user:".length())).ifPresent(member -> people.putIfAbsent(member.userId(), member));
      } else if (!target.isEmpty()) {
        throw new IllegalArgumentException("Unknown SLA recipient '" + target
            + "': use task:assignee, task:candidates, group:ID or user:ID (sla-escalation.bpmn)");
      }
    }
    return new ArrayList<>(people.values());
  }

  private List<IdentityLink> candidates(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList();
  }
}
