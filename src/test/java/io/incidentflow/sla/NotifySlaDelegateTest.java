package io.incidentflow.sla;

import static io.incidentflow.incident.IncidentVariables.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.incidentflow.staff.StaffMember;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** The notify step reads who is told from the model's inputs; nobody reachable there → its fallbackRecipients. */
class NotifySlaDelegateTest {

  private final SlaEscalationService escalation = mock(SlaEscalationService.class);
  private final SlaRecipients recipients = mock(SlaRecipients.class);
  private final DelegateExecution execution = mock(DelegateExecution.class);
  private final StaffMember ivy = new StaffMember("ivy", "Ivy Manager", "ivy@incidentflow.local");

  @Test
  void shouldTellTheFallbackRecipientsWhenNobodyNamedCanBeReached() {
    reminderOf("task:assignee,task:candidates", "group:incident-managers");
    when(recipients.resolve("task:assignee,task:candidates", "pi-1", "Task_ResolveIncident")).thenReturn(List.of());
    when(recipients.resolve("group:incident-managers", "pi-1", "Task_ResolveIncident")).thenReturn(List.of(ivy));

    new NotifySlaDelegate(escalation, recipients).execute(execution);

    verify(escalation).notify(eq(7L), eq(SlaNotice.WARNING), any(), eq("Task_ResolveIncident"), eq("Resolve incident"),
        eq(List.of(ivy)));
  }

  @Test
  void shouldTellThoseNamedWhenTheyCanBeReached() {
    StaffMember tom = new StaffMember("tom", "Tom Technician", "tom@incidentflow.local");
    reminderOf("task:assignee,task:candidates", "group:incident-managers");
    when(recipients.resolve("task:assignee,task:candidates", "pi-1", "Task_ResolveIncident")).thenReturn(List.of(tom));

    new NotifySlaDelegate(escalation, recipients).execute(execution);

    verify(escalation).notify(eq(7L), eq(SlaNotice.WARNING), any(), eq("Task_ResolveIncident"), eq("Resolve incident"),
        eq(List.of(tom)));
  }

  private void reminderOf(String named, String fallback) {
    when(execution.getVariable(SlaEscalationProcess.VAR_CLOCK_ID)).thenReturn(7L);
    when(execution.getVariable(SlaEscalationProcess.VAR_LEVEL)).thenReturn("warning");
    when(execution.getVariable(SlaEscalationProcess.VAR_RECIPIENTS)).thenReturn(named);
    when(execution.getVariable(SlaEscalationProcess.VAR_FALLBACK_RECIPIENTS)).thenReturn(fallback);
    when(execution.getVariable(SlaEscalationProcess.VAR_INCIDENT_INSTANCE_ID)).thenReturn("pi-1");
    when(execution.getVariable(SLA_TASK_ID)).thenReturn("Task_ResolveIncident");
    when(execution.getVariable(SLA_TASK_NAME)).thenReturn("Resolve incident");
    when(execution.getVariable(INCIDENT_ID)).thenReturn("INC-2026-0042");
    when(execution.getVariable(SERVICE_ID)).thenReturn("checkout");
  }
}
