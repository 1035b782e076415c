package io.incidentflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.platform.ApiProblems;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * The one security layer of IncidentFlow's own staff endpoints (Spring Security): HTTP Basic against Camunda's
 * users, the groups of {@link StaffApiRules}, 401/403 as problem details naming what is missing. Camunda's
 * webapps and REST API keep their own login (a webapp's session also reads staff pages: {@link WebappSessionLogin});
 * the status page and intake are outside this chain.
 */
@Configuration(proxyBeanMethods = false)
class StaffApiSecurityConfig {

  @Bean
  @Order(1)
  SecurityFilterChain staffApi(HttpSecurity http, CamundaUserAuthenticationProvider users, ObjectMapper json,
      ProcessEngine engine) throws Exception {
    AuthenticationEntryPoint loginRequired = (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"IncidentFlow\"");
      ApiProblems.write(response, json, ApiProblems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
          List.of("Authorization: log in with HTTP Basic as a user of IncidentFlow (Camunda Admin)")));
    };
    AccessDeniedHandler forbidden = (request, response, e) -> ApiProblems.write(response, json,
        ApiProblems.of(HttpStatus.FORBIDDEN, "forbidden", List.of(missing(request))));
    http.securityMatcher(StaffApiRules.PATHS)
        .authenticationProvider(users)
        .authorizeHttpRequests(authorize -> {
          for (StaffApiRules.Rule rule : StaffApiRules.RULES) {
            var matcher = authorize.requestMatchers(rule.method(), rule.pattern());
            if (rule.groups().isEmpty()) {
              matcher.authenticated();
            } else {
              matcher.hasAnyAuthority(rule.groups().stream()
                  .map(group -> CamundaUserAuthenticationProvider.GROUP_PREFIX + group).toArray(String[]::new));
            }
          }
          authorize.anyRequest().denyAll();
        })
        .httpBasic(basic -> basic.authenticationEntryPoint(loginRequired))
        .exceptionHandling(handling -> handling.authenticationEntryPoint(loginRequired).accessDeniedHandler(forbidden))
        // Stateless Basic: no session, so no session to ride on; cross-site writes are refused below instead.
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        // Security headers come from the platform's filter, the same for every page.
        .headers(AbstractHttpConfigurer::disable)
        .addFilterBefore(new CrossSiteWriteFilter(json), BasicAuthenticationFilter.class)
        // Cockpit's and Tasklist's logged-in users read the staff pages they link to (reads only).
        .addFilterBefore(new WebappSessionLogin(users, engine.getName()), BasicAuthenticationFilter.class);
    return http.build();
  }

  /** Which groups the refused request needed, from the same table the chain was built from. */
  static String missing(jakarta.servlet.http.HttpServletRequest request) {
    for (StaffApiRules.Rule rule : StaffApiRules.RULES) {
      if (new AntPathRequestMatcher(rule.pattern(), rule.method() == null ? null : rule.method().name())
          .matches(request)) {
        return rule.groups().isEmpty() ? "Authorization: this is for staff only"
            : "group: one of " + rule.groups() + " is required";
      }
    }
    return "path: no one may call " + request.getMethod() + " " + request.getRequestURI();
  }
}
