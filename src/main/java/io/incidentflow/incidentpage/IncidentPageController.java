package io.incidentflow.incidentpage;

import io.incidentflow.platform.ApiProblems;
import io.incidentflow.timeline.UnknownIncidentException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** An incident's page and its diagram, running or finished (who may read: security.StaffApiRules). */
@RestController
@Tag(name = "Incident page")
class IncidentPageController {

  static final String INCIDENTS = "/api/staff/incidents/";
  static final MediaType SVG = new MediaType("image", "svg+xml", StandardCharsets.UTF_8);

  private final IncidentDiagrams diagrams;
  private final IncidentPages pages;
  private final ITemplateEngine templates;

  IncidentPageController(IncidentDiagrams diagrams, IncidentPages pages, ITemplateEngine templates) {
    this.diagrams = diagrams;
    this.pages = pages;
    this.templates = templates;
  }

  @Operation(summary = "The incident's process diagram (SVG) with its history on it: completed activities filled, "
      + "running ones highlighted, a count on those that ran more than once, start, end and assignee as tooltips")
  @GetMapping(INCIDENTS + "{incidentId}/diagram.svg")
  ResponseEntity<String> diagram(@PathVariable String incidentId) {
    return ResponseEntity.ok().contentType(SVG)
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + incidentId.replaceAll("[^A-Za-z0-9-]", "_")
            + ".svg\"")
        .body(diagrams.svg(incidentId));
  }

  @Operation(summary = "The incident's page (HTML, no script): its header, SLA clocks, diagram and timeline")
  @GetMapping(INCIDENTS + "{incidentId}.html")
  ResponseEntity<String> page(@PathVariable String incidentId) {
    Context page = new Context(Locale.ENGLISH, Map.of("page", pages.of(incidentId)));
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(templates.process("incident", page));
  }

  @ExceptionHandler(UnknownIncidentException.class)
  ResponseEntity<ProblemDetail> unknown(UnknownIncidentException e) {
    return ApiProblems.response(HttpStatus.NOT_FOUND, "not found",
        List.of("incidentId: no incident '" + e.incidentId() + "'"));
  }
}
