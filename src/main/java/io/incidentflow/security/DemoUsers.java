package io.incidentflow.security;

import static io.incidentflow.incident.IncidentProcess.*;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The local demo: one user per role, created once; a user already there is left as it is. */
@Component
@Order(1)
@ConditionalOnProperty(name = "incidentflow.demo.enabled", havingValue = "true")
class DemoUsers implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  record DemoUser(String id, String firstName, String lastName, List<String> groups) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("ivy", "Ivy", "Incident-Manager", List.of(GROUP_INCIDENT_MANAGERS)),
      new DemoUser("tom", "Tom", "Technician", List.of(GROUP_TECHNICIANS, "application", "database", "network")),
      new DemoUser("cora", "Cora", "Communications", List.of(GROUP_COMMUNICATIONS)),
      new DemoUser("max", "Max", "Manager", List.of(GROUP_MANAGERS)));

  static final List<String[]> GROUPS = List.of(
      new String[] {GROUP_INCIDENT_MANAGERS, "Incident managers"},
      new String[] {GROUP_TECHNICIANS, "Technicians"},
      new String[] {"application", "Application technicians"},
      new String[] {"database", "Database technicians"},
      new String[] {"network", "Network technicians"},
      new String[] {GROUP_COMMUNICATIONS, "Communications"},
      new String[] {GROUP_MANAGERS, "Managers"});

  private final IdentityService identity;
  private final DemoProperties demo;

  DemoUsers(IdentityService identity, DemoProperties demo) {
    this.identity = identity;
    this.demo = demo;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (String[] definition : GROUPS) {
      if (identity.createGroupQuery().groupId(definition[0]).count() == 0) {
        Group group = identity.newGroup(definition[0]);
        group.setName(definition[1]);
        group.setType("WORKFLOW");
        identity.saveGroup(group);
      }
    }
    for (DemoUser demoUser : USERS) {
      if (identity.createUserQuery().userId(demoUser.id()).count() > 0) {
        continue;
      }
      User user = identity.newUser(demoUser.id());
      user.setFirstName(demoUser.firstName());
      user.setLastName(demoUser.lastName());
      user.setEmail(demoUser.id() + "@incidentflow.local");
      user.setPassword(demo.password());
      identity.saveUser(user);
      demoUser.groups().forEach(group -> identity.createMembership(demoUser.id(), group));
      log.info("Created demo user '{}' ({}), for local use only", demoUser.id(), demoUser.groups());
    }
  }
}
