package io.incidentflow.intake;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The intake endpoints' filters: bearer token and body size. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IntakeConfig {

  /** PagerDuty refuses events over 512 KB; Alertmanager groups may be larger. */
  static final long PAGERDUTY_LIMIT = 512 * 1024;
  static final long ALERT_LIMIT = 4 * 1024 * 1024;

  @Bean
  FilterRegistrationBean<IntakeTokenFilter> intakeTokenFilter(IntakeProperties properties) {
    FilterRegistrationBean<IntakeTokenFilter> registration =
        new FilterRegistrationBean<>(new IntakeTokenFilter(properties.token()));
    registration.addUrlPatterns("/api/alerts", "/api/alerts/*");
    registration.setOrder(1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> pagerDutySizeLimit() {
    FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
        new RequestSizeLimitFilter(PAGERDUTY_LIMIT, "{\"status\":\"invalid event\",\"message\":\"Request too large\","
            + "\"errors\":[\"body: is larger than 512 KB\"]}"));
    registration.addUrlPatterns(PagerDutyController.PATH);
    registration.setOrder(2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> alertSizeLimit() {
    FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
        new RequestSizeLimitFilter(ALERT_LIMIT, "{\"status\":\"too large\",\"errors\":[\"body: is larger than 4 MB\"]}"));
    registration.addUrlPatterns("/api/alerts", "/api/alerts/*");
    registration.setOrder(3);
    return registration;
  }
}
