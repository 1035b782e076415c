package io.incidentflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one error shape of IncidentFlow's own APIs: RFC 9457 problem details ({@code application/problem+json})
 * whose {@code errors} list names each field at fault ({@code "alerts[0].labels.service: is required"}).
 * Peers with a format of their own (PagerDuty's Events API) keep theirs.
 */
public final class ApiProblems {

  private ApiProblems() {}

  public static ProblemDetail of(HttpStatusCode status, String title, List<String> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, String.join("; ", errors));
    problem.setTitle(title);
    problem.setProperty("errors", List.copyOf(errors));
    return problem;
  }

  public static ResponseEntity<ProblemDetail> response(HttpStatusCode status, String title, List<String> errors) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(of(status, title, errors));
  }

  /**
   * For servlet filters, which answer before Spring MVC: the same body, written by the application's
   * {@link ObjectMapper} (whose mix-in flattens the problem's properties as MVC does).
   */
  public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
