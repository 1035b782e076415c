package io.incidentflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Logins for the APIs. The engine's REST API is open by default. As in Camunda Run, every call to {@code /engine-rest} must log
 * in with HTTP Basic against the engine's users (Camunda Admin manages them). The staff API's login is
 * {@link StaffApiSecurityConfig}; every login sits behind the {@link LoginThrottle}.
 */
@Configuration(proxyBeanMethods = false)
class RestApiSecurityConfig {

  static final String REST_PATH = "/engine-rest";
  static final String STAFF_API = "/api/staff";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restApiAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-authentication");
    registration.addUrlPatterns(REST_PATH + "/*");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, HttpBasicAuthenticationProvider.class.getName());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, REST_PATH);
    return registration;
  }

  /** Every door with a login, for the throttle in front of them. */
  static final String[] LOGINS = {REST_PATH + "/*", STAFF_API + "/*", "/api/alerts", "/api/alerts/*",
      "/camunda/api/admin/auth/user/*", "/v3/api-docs", "/v3/api-docs/*", "/swagger-ui.html", "/swagger-ui/*"};

  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
    FilterRegistrationBean<LoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, json));
    registration.setName("incidentflow-login-throttle");
    registration.addUrlPatterns(LOGINS);
    // Before every authentication filter: a throttled address is refused before its password is checked.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
