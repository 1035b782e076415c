package io.incidentflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.platform.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the engine's users (the same logins as Tasklist and Cockpit) for IncidentFlow's own
 * staff API; 401 with a problem body otherwise.
 */
class StaffAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identity;
  private final ObjectMapper json;

  StaffAuthenticationFilter(IdentityService identity, ObjectMapper json) {
    this.identity = identity;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      int colon = decoded.indexOf(':');
      if (colon > 0 && identity.checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1))) {
        chain.doFilter(request, response);
        return;
      }
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"IncidentFlow\"");
    ApiProblems.write(response, json, ApiProblems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
        List.of("Authorization: log in with HTTP Basic as a user of IncidentFlow (Camunda Admin)")));
  }
}
