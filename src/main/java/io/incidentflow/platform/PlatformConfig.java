package io.incidentflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.unit.DataSize;

/**
 * What every feature uses: the clock, the security headers, a size limit on every request, scheduled work, the
 * webapps' index pages with the nonce of their own header.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfig {

  @Bean
  Clock clock() {
    return new EngineClock();
  }

  /** No endpoint reads an unbounded body: Camunda's REST API and the webapps' included. */
  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(WebProperties web, ObjectMapper json) {
    long limit = web.maxRequestSize().toBytes();
    FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
        new RequestSizeLimitFilter(limit, json, MediaType.APPLICATION_PROBLEM_JSON, ApiProblems.of(
            HttpStatus.PAYLOAD_TOO_LARGE, "too large", List.of("body: is larger than " + readable(web.maxRequestSize())))));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  static String readable(DataSize size) {
    return size.toMegabytes() > 0 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
  }

  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
    FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.addUrlPatterns(SecurityHeadersFilter.PATHS);
    // First, so that even a refusal by a later filter carries the headers.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * Outside Camunda's webapp filters: the starter maps those after every filter of the application
   * (CamundaBpmWebappInitializer, isMatchAfter), so this one sees the index page once Camunda has written it.
   */
  @Bean
  FilterRegistrationBean<IndexPageNonceFilter> indexPageNonce(CamundaBpmProperties camunda) {
    String applicationPath = camunda.getWebapp().getApplicationPath();
    FilterRegistrationBean<IndexPageNonceFilter> registration =
        new FilterRegistrationBean<>(new IndexPageNonceFilter(applicationPath));
    registration.addUrlPatterns(applicationPath + "/app/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
    return registration;
  }
}
