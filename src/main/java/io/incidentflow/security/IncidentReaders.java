package io.incidentflow.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Lets a group read one incident from a point of the process on, where the model says so: e.g. communications
 * reads an incident once it is known to affect customers ({@code ${incidentReaders.grant(execution,
 * 'communications')}} on the "yes" flow of "Customers affected?"). The engine deletes the grant when the
 * incident ends.
 */
@Component("incidentReaders")
public class IncidentReaders {

  private final AuthorizationService authorizations;

  public IncidentReaders(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /** @param groups one group id or several, separated by commas */
  public void grant(DelegateExecution execution, String groups) {
    String instanceId = execution.getProcessInstanceId();
    for (String group : groups.split(",")) {
      String id = group.strip();
      if (id.isEmpty() || authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
          .groupIdIn(id).resourceType(Resources.PROCESS_INSTANCE).resourceId(instanceId).count() > 0) {
        continue;
      }
      Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      read.setGroupId(id);
      read.setResource(Resources.PROCESS_INSTANCE);
      read.setResourceId(instanceId);
      read.addPermission(Permissions.READ);
      authorizations.saveAuthorization(read);
    }
  }
}
