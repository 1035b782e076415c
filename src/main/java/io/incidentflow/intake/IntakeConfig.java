package io.incidentflow.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.platform.ApiProblems;
import io.incidentflow.platform.RequestSizeLimitFilter;
import java.util.List;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.function.SingletonSupplier;

/** The intake endpoints' filters (bearer token, body size), and the job workers held back in an alert storm. */
@Configuration(proxyBeanMethods = false)
class IntakeConfig {

  /** PagerDuty refuses events over 512 KB; Alertmanager groups may be larger. */
  static final long PAGERDUTY_LIMIT = 512 * 1024;
  static final long ALERT_LIMIT = 4 * 1024 * 1024;
  static final String[] ALERT_PATHS = {"/api/alerts", "/api/alerts/*"};
  static final String JOB_WORKERS = DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER;

  @Bean
  AlertStorm alertStorm(IntakeProperties properties) {
    return new AlertStorm(properties.stormRate(), properties.stormJobWorkers());
  }

  /** Camunda's pool of job workers (the starter's {@code camundaTaskExecutor}) runs its batches through it. */
  @Bean
  static BeanPostProcessor jobWorkersHeldBackInStorms(ObjectProvider<AlertStorm> storm) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (JOB_WORKERS.equals(name) && bean instanceof ThreadPoolTaskExecutor pool) {
          // Looked up once, at the first batch: a lookup per batch showed in the acquisition thread's profile.
          SingletonSupplier<AlertStorm> gate = SingletonSupplier.of(storm::getObject);
          pool.setTaskDecorator(jobs -> gate.obtain().decorate(jobs));
        }
        return bean;
      }
    };
  }

  @Bean
  FilterRegistrationBean<IntakeTokenFilter> intakeTokenFilter(IntakeProperties properties, ObjectMapper json) {
    FilterRegistrationBean<IntakeTokenFilter> registration =
        new FilterRegistrationBean<>(new IntakeTokenFilter(properties.token(), json));
    registration.addUrlPatterns(ALERT_PATHS);
    registration.setOrder(1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> pagerDutySizeLimit(ObjectMapper json) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
        new RequestSizeLimitFilter(PAGERDUTY_LIMIT, json, MediaType.APPLICATION_JSON, PagerDutyAnswer.tooLarge()));
    registration.addUrlPatterns(PagerDutyController.PATH);
    registration.setOrder(2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> alertSizeLimit(ObjectMapper json) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
        new RequestSizeLimitFilter(ALERT_LIMIT, json, MediaType.APPLICATION_PROBLEM_JSON,
            ApiProblems.of(HttpStatus.PAYLOAD_TOO_LARGE, "too large", List.of("body: is larger than 4 MB"))));
    registration.addUrlPatterns(ALERT_PATHS);
    registration.setOrder(3);
    return registration;
  }
}
