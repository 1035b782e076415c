package io.incidentflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.platform.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser remembers an HTTP Basic login and sends it along with any site's form: a write to the staff API
 * must come from this origin (Fetch metadata, else Origin), never from another site, and never as
 * {@code text/plain}, the one content type a cross-site form can post without asking first.
 */
class CrossSiteWriteFilter extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final ObjectMapper json;

  CrossSiteWriteFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!SAFE.contains(request.getMethod())) {
      String refusal = refusal(request);
      if (refusal != null) {
        ApiProblems.write(response, json, ApiProblems.of(HttpStatus.FORBIDDEN, "cross-site request", List.of(refusal)));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  static String refusal(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return "Sec-Fetch-Site: a write must come from this site, not '" + site + "'";
    }
    String origin = request.getHeader("Origin");
    if (site == null && origin != null && !sameOrigin(origin, request)) {
      return "Origin: a write must come from this site, not " + origin;
    }
    String type = request.getContentType();
    if (type != null && MediaType.parseMediaType(type).isCompatibleWith(MediaType.TEXT_PLAIN)) {
      return "Content-Type: text/plain is not accepted for writes; send application/json or text/csv";
    }
    return null;
  }

  private static boolean sameOrigin(String origin, HttpServletRequest request) {
    try {
      URI uri = URI.create(origin);
      int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
      return request.getServerName().equalsIgnoreCase(uri.getHost()) && request.getServerPort() == port;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
