package io.incidentflow.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of IncidentFlow's own pages and APIs, set in one place (Camunda's webapps and REST API
 * set their own). The public pages under /status get a strict Content-Security-Policy: no script, no inline
 * style, no framing, and are never cached.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

  /** Paths this filter guards; {@link #PUBLIC_PAGES} also get the strict policy. */
  public static final String[] PATHS = {"/status", "/status/*", "/status.json", "/api/*", "/mailbox"};
  static final String PUBLIC_PAGES = "/status";

  static final String PUBLIC_PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    if (request.getRequestURI().substring(request.getContextPath().length()).startsWith(PUBLIC_PAGES)) {
      response.setHeader("Content-Security-Policy", PUBLIC_PAGE_CSP);
      response.setHeader("Cache-Control", "no-cache");
    }
    chain.doFilter(request, response);
  }
}
