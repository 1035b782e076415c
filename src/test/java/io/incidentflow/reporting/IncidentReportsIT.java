package io.incidentflow.reporting;

import io.incidentflow.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The incident report on PostgreSQL (embedded). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IncidentReportsIT extends IncidentReportsScenario {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    PostgresTestDatabase.register(registry);
  }
}
