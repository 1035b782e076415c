package io.incidentflow.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.platform.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer <token>} on the alert endpoints; 401 with a problem body otherwise. */
class IntakeTokenFilter extends OncePerRequestFilter {

  private final byte[] token;
  private final ObjectMapper json;

  IntakeTokenFilter(String token, ObjectMapper json) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    boolean valid = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        && MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    if (!valid) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"IncidentFlow alert intake\"");
      ApiProblems.write(response, json, ApiProblems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
          List.of("Authorization: a valid 'Bearer <token>' header is required (INCIDENTFLOW_INTAKE_TOKEN)")));
      return;
    }
    chain.doFilter(request, response);
  }
}
