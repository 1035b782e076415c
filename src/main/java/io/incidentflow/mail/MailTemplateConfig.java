package io.incidentflow.mail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/** Adds plain-text mail templates ({@code templates/mail/*.txt}) to Spring Boot's Thymeleaf engine. */
@Configuration(proxyBeanMethods = false)
class MailTemplateConfig {

  @Bean
  SpringResourceTemplateResolver mailTextTemplateResolver() {
    SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
    resolver.setPrefix("classpath:/templates/");
    resolver.setResolvablePatterns(java.util.Set.of("mail/*.txt"));
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    // Before Boot's HTML resolver, which would otherwise look for "mail/x.txt.html".
    resolver.setOrder(0);
    return resolver;
  }
}
