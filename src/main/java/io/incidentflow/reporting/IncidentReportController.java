package io.incidentflow.reporting;

import io.incidentflow.catalog.ServiceCatalog;
import io.incidentflow.platform.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** The incident report as JSON or CSV (who may read: security.StaffApiRules). */
@RestController
@Tag(name = "Reports")
class IncidentReportController {

  static final String PATH = "/api/staff/reports/incidents";
  static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
  private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  private final IncidentReports reports;
  private final ServiceCatalog catalog;
  private final Clock clock;
  private final ITemplateEngine templates;

  IncidentReportController(IncidentReports reports, ServiceCatalog catalog, Clock clock, ITemplateEngine templates) {
    this.reports = reports;
    this.catalog = catalog;
    this.clock = clock;
    this.templates = templates;
  }

  @Operation(summary = "Incidents opened in [from, to) per service and severity, with a total: count, MTTA, MTTR and "
      + "time to mitigate (mean and p90 in seconds), SLA met/breached per step, downtime minutes and cost. "
      + "from/to: an instant (2026-12-01T00:00:00Z) or a date (UTC midnight); default the last 30 days. "
      + "CSV with Accept: text/csv or the .csv suffix; a page with charts with the .html suffix")
  @GetMapping({PATH, PATH + ".csv", PATH + ".html"})
  ResponseEntity<?> incidents(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String service, @RequestParam(required = false) String severity,
      HttpServletRequest request) {
    List<String> errors = new ArrayList<>();
    Instant end = instant("to", to, clock.instant(), errors);
    Instant start = instant("from", from, end == null ? null : end.minus(DEFAULT_PERIOD), errors);
    if (start != null && end != null && !start.isBefore(end)) {
      errors.add("to: must be after from");
    }
    String serviceId = blankToNull(service);
    if (serviceId != null && catalog.find(serviceId).isEmpty()) {
      errors.add("service: unknown service '" + serviceId + "': the catalog knows "
          + catalog.all().stream().map(s -> s.id()).toList());
    }
    String severityValue = blankToNull(severity);
    if (severityValue != null && !severityValue.matches("SEV[1-4]")) {
      errors.add("severity: must be one of SEV1, SEV2, SEV3, SEV4, not '" + severityValue + "'");
    }
    if (!errors.isEmpty()) {
      return ApiProblems.response(HttpStatus.BAD_REQUEST, "invalid report request", errors);
    }
    IncidentFigures.Report report = reports.report(new ReportFilter(start, end, serviceId, severityValue));
    if (request.getRequestURI().endsWith(".html")) {
      Context page = new Context(Locale.ENGLISH, Map.of("page",
          ReportPage.of(report, request.getQueryString() == null ? "" : request.getQueryString())));
      return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
          .body(templates.process("report", page));
    }
    if (wantsCsv(request)) {
      return ResponseEntity.ok().contentType(TEXT_CSV)
          .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"incident-report.csv\"")
          .body(IncidentReportCsv.write(report));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
  }

  private static boolean wantsCsv(HttpServletRequest request) {
    if (request.getRequestURI().endsWith(".csv")) {
      return true;
    }
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && MediaType.parseMediaTypes(accept).stream()
        .anyMatch(type -> type.getQualityValue() > 0 && type.isPresentIn(List.of(MediaType.valueOf("text/csv"))));
  }

  /** An instant with Z or an offset, or a date taken as its start in UTC; null, with the error, when neither. */
  private static Instant instant(String field, String value, Instant otherwise, List<String> errors) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return value.strip().length() == 10 ? LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(field + ": must be an instant such as 2026-12-01T00:00:00Z or a date such as 2026-12-01, not '"
          + value + "'");
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
