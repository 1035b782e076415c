package io.incidentflow;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * IncidentFlow: the incident process on Camunda 7. {@code META-INF/processes.xml} deploys processes/ and
 * forms/ together with every start.
 */
@SpringBootApplication
@EnableProcessApplication("incidentflow")
@ConfigurationPropertiesScan
public class IncidentFlowApplication {
  public static void main(String[] args) {
    SpringApplication.run(IncidentFlowApplication.class, args);
  }
}
