package io.incidentflow.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.platform.ApiProblems;
import io.incidentflow.platform.RequestSizeLimitFilter;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The intake endpoints' filters: bearer token and body size. */
@Configuration(proxyBeanMethods = false)
class IntakeConfig {

  /** PagerDuty refuses events over 512 KB; Alertmanager groups may be larger. */
  static final long PAGERDUTY_LIMIT = 512 * 1024;
  static final long ALERT_LIMIT = 4 * 1024 * 1024;
  static final String[] ALERT_PATHS = {"/api/alerts", "/api/alerts/*"};

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
