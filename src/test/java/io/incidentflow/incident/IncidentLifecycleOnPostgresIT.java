package io.incidentflow.incident;

import io.incidentflow.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The incident lifecycle on a real PostgreSQL server, as a team runs it. */
@SpringBootTest
@ActiveProfiles({"postgres", "test"})
class IncidentLifecycleOnPostgresIT extends IncidentLifecycleScenario {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }
}
