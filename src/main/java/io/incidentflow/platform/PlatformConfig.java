package io.incidentflow.platform;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;

/** What every feature uses: the clock, the security headers, scheduled work. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfig {

  @Bean
  Clock clock() {
    return new EngineClock();
  }

  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
    FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.addUrlPatterns(SecurityHeadersFilter.PATHS);
    // First, so that even a refusal by a later filter carries the headers.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
