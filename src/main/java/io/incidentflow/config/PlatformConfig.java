package io.incidentflow.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlatformConfig {

  @Bean
  Clock clock() {
    return new EngineClock();
  }
}
