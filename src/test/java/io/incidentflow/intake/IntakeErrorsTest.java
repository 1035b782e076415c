package io.incidentflow.intake;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.catalog.ServiceCatalogProperties;
import io.incidentflow.catalog.ServiceDefinition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * When the database is down, Alertmanager must hear 503 (it retries 5xx and drops 4xx). A database outage
 * cannot be staged in the shared test database, so the service stands in for it here.
 */
class IntakeErrorsTest {

  @Test
  void shouldAnswer503WhenTheDatabaseCannotTakeTheAlert() throws Exception {
    AlertIntakeService intake = mock(AlertIntakeService.class);
    when(intake.receive(any())).thenThrow(new CannotGetJdbcConnectionException("Connection refused"));
    ServiceCatalog catalog = new ServiceCatalog(new ServiceCatalogProperties(List.of(
        new ServiceDefinition("checkout", "Checkout", 1, "application", "runbook", null, null))));
    AlertIntakeController controller = new AlertIntakeController(intake,
        new AlertmanagerFormat(catalog,
            new IntakeProperties("t", "service", Duration.ofMinutes(5), Duration.ofSeconds(5), 50, 1)),
        new GenericAlertFormat(catalog), new ObjectMapper());
    MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new IntakeErrors()).build();

    mvc.perform(post("/api/alerts/alertmanager").contentType(MediaType.APPLICATION_JSON).content("""
            {"version": "4", "alerts": [{"status": "firing", "labels": {"service": "checkout"}, "fingerprint": "f1"}]}"""))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "10"))
        .andExpect(jsonPath("$.title").value("unavailable"))
        .andExpect(jsonPath("$.errors[0]").value("IncidentFlow cannot take alerts right now; retry later"));
  }
}
