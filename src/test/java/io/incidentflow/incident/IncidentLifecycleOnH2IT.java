package io.incidentflow.incident;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The incident lifecycle on the embedded default's H2 database (in memory here instead of ./data). */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:incidentflow-lifecycle;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class IncidentLifecycleOnH2IT extends IncidentLifecycleScenario {}
