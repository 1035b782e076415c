package io.incidentflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * IncidentFlow: the incident process on Camunda 7. The engine's setup is in
 * {@link io.incidentflow.platform.ProcessApplicationConfig}, not here, so that slice tests do not start it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IncidentFlowApplication {
  public static void main(String[] args) {
    SpringApplication.run(IncidentFlowApplication.class, args);
  }
}
