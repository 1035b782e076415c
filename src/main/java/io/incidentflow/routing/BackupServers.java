package io.incidentflow.routing;

import static io.incidentflow.incident.IncidentVariables.INCIDENT_ID;
import static io.incidentflow.incident.IncidentVariables.SERVICE_ID;

import io.incidentflow.incident.ProcessValues;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * {@code ${backupServers.inUse(execution)}} after the resolution: asks the load balancer's change records, not
 * only the {@code trafficRerouted} variable, whether users are still on backup servers. A resolution that ended
 * while the reroute job was changing the load balancer leaves records but no variable; its users are moved
 * back all the same.
 */
@Component("backupServers")
public class BackupServers {

  private final TrafficRoutingService routing;

  public BackupServers(TrafficRoutingService routing) {
    this.routing = routing;
  }

  public boolean inUse(VariableScope execution) {
    return routing.usersOnBackup(ProcessValues.requiredString(execution, SERVICE_ID),
        ProcessValues.requiredString(execution, INCIDENT_ID));
  }
}
