package io.incidentflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.platform.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of every login (HTTP Basic on the APIs, a bearer token on intake, the webapps' login form): an
 * attempt that carried credentials and was refused (401) counts against the client's address; an address over
 * the limit gets 429 with Retry-After before its credentials are even checked.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;
  private final ObjectMapper json;

  LoginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
    this.throttle = throttle;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    Optional<Duration> wait = throttle.waitFor(address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds());
      response.setHeader("Retry-After", String.valueOf(seconds));
      ApiProblems.write(response, json, ApiProblems.of(HttpStatus.TOO_MANY_REQUESTS, "too many failed logins",
          List.of("Authorization: too many failed logins from your address; retry in " + seconds + " s")));
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED && triedToLogIn(request)) {
      throttle.failed(address);
    }
  }

  /** A request without credentials is a question ("do I need to log in?"), not a guess. */
  private static boolean triedToLogIn(HttpServletRequest request) {
    return request.getHeader("Authorization") != null
        || ("POST".equals(request.getMethod()) && request.getRequestURI().contains("/login/"));
  }
}
