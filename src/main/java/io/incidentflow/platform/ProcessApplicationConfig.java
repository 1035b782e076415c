package io.incidentflow.platform;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.context.annotation.Configuration;

/**
 * IncidentFlow is a process application: {@code META-INF/processes.xml} deploys processes/ and forms/ together
 * with every start (the starter alone would leave the forms out).
 */
@Configuration(proxyBeanMethods = false)
@EnableProcessApplication("incidentflow")
public class ProcessApplicationConfig {}
