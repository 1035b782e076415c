package io.incidentflow.platform;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * The engine's REST API (`/engine-rest`) as Camunda's starter configures it, plus {@link RefusedAnswerMapper}: a
 * refusal raised in a task listener reaches the caller as the 400 it is, not as a 500.
 */
@Component
public class EngineRestConfig extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(RefusedAnswerMapper.class);
  }
}
