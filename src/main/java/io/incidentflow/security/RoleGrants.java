package io.incidentflow.security;

import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the engine's groups and authorizations what {@link Roles} says, at every start: a fresh database and
 * one upgraded from a release without authorizations end the same. A row of the table is set exactly (a
 * permission removed from the table is removed here); grants that are not in the table are left alone, so
 * an administrator may add their own in Camunda Admin. Open tasks made while checks were off get the grants
 * the engine now gives a new task ({@link OpenTaskGrants}).
 */
@Component
@Order(2)
class RoleGrants implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(RoleGrants.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final ServiceCatalogProperties catalog;
  private final OpenTaskGrants openTasks;

  RoleGrants(IdentityService identity, AuthorizationService authorizations, FilterService filters,
      ServiceCatalogProperties catalog, OpenTaskGrants openTasks) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.catalog = catalog;
    this.openTasks = openTasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    Set<String> skills = createGroups();
    // Camunda's starter grants these only when it creates the admin user: not on a database that had one.
    for (Resource resource : Resources.values()) {
      set(Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, List.of(Permissions.ALL));
    }
    Roles.GRANTS.forEach(grant -> set(grant.group(), grant.resource(), grant.resourceId(), grant.permissions()));
    for (String skill : skills) {
      Roles.Grant grant = Roles.skillGroupGrant(skill);
      set(grant.group(), grant.resource(), grant.resourceId(), grant.permissions());
    }
    for (Roles.FilterGrant grant : Roles.FILTERS) {
      for (String name : grant.filterNames()) {
        for (Filter filter : filters.createFilterQuery().filterName(name).list()) {
          set(grant.group(), Resources.FILTER, filter.getId(), List.of(Permissions.READ));
        }
      }
    }
    int tasks = openTasks.grantMissing();
    if (tasks > 0) {
      log.info("Granted {} open tasks made without authorizations to their candidates and assignees", tasks);
    }
  }

  /** The role groups and the skill groups the catalog pages, so that Camunda Admin can add members to them. */
  private Set<String> createGroups() {
    Set<String> skills = new LinkedHashSet<>();
    for (ServiceDefinition service : catalog.services() == null ? List.<ServiceDefinition>of() : catalog.services()) {
      skills.add(service.technicianGroup());
    }
    for (String role : Roles.ROLE_GROUPS) {
      skills.remove(role);
      ensureGroup(identity, role, "WORKFLOW");
    }
    skills.forEach(skill -> ensureGroup(identity, skill, "SKILL"));
    return skills;
  }

  /** Creates the group unless it exists; its name is the id in words ("incident-managers": "Incident managers"). */
  static void ensureGroup(IdentityService identity, String id, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('-', ' '));
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  private void set(String group, Resource resource, String resourceId, List<Permission> permissions) {
    int wanted = 0;
    for (Permission permission : permissions) {
      wanted |= permission.getValue();
    }
    AuthorizationEntity authorization = (AuthorizationEntity) authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(group).resourceType(resource)
        .resourceId(resourceId).singleResult();
    if (authorization == null) {
      authorization = (AuthorizationEntity) authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    } else if (authorization.getPermissions() == wanted) {
      return;
    }
    authorization.setPermissions(wanted);
    authorizations.saveAuthorization(authorization);
  }
}
