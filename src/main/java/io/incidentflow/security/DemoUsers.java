package io.incidentflow.security;

import static io.incidentflow.incident.IncidentProcess.*;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The local demo: one user per role, created once, in the groups {@link RoleGrants} made; a user already
 * there is left as it is.
 */
@Component
@Order(3)
@ConditionalOnProperty(name = "incidentflow.demo.enabled", havingValue = "true")
class DemoUsers implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  record DemoUser(String id, String firstName, String lastName, List<String> groups) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("ivy", "Ivy", "Incident-Manager", List.of(GROUP_INCIDENT_MANAGERS)),
      new DemoUser("tom", "Tom", "Technician", List.of(GROUP_TECHNICIANS, "application", "database", "network")),
      // Tom's partners in the weekly on-call rotations of the demo (db/demo/V12_1__demo_schedules.sql).
      new DemoUser("amy", "Amy", "Technician", List.of(GROUP_TECHNICIANS, "application")),
      new DemoUser("dan", "Dan", "Technician", List.of(GROUP_TECHNICIANS, "database")),
      new DemoUser("nia", "Nia", "Technician", List.of(GROUP_TECHNICIANS, "network")),
      new DemoUser("cora", "Cora", "Communications", List.of(GROUP_COMMUNICATIONS)),
      new DemoUser("max", "Max", "Manager", List.of(GROUP_MANAGERS)),
      new DemoUser("pat", "Pat", "Process-Owner", List.of(GROUP_PROCESS_OWNERS)));

  private final IdentityService identity;
  private final DemoProperties demo;

  DemoUsers(IdentityService identity, DemoProperties demo) {
    this.identity = identity;
    this.demo = demo;
  }

  @Override
  public void run(ApplicationArguments args) {
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
      for (String group : demoUser.groups()) {
        // A catalog without the skill (a test's own) has no such group from RoleGrants.
        RoleGrants.ensureGroup(identity, group, "SKILL");
        identity.createMembership(demoUser.id(), group);
      }
      log.info("Created demo user '{}' ({}), for local use only", demoUser.id(), demoUser.groups());
    }
  }
}
