package io.incidentflow.customer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import io.incidentflow.platform.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The customer directory for staff: list, add, update, import CSV. It decides who hears about an incident. */
@RestController
@Tag(name = "Customer directory")
class CustomerDirectoryController {

  static final String PATH = "/api/staff/customers";

  /** The answer to an import. */
  record Imported(String status, int imported) {}

  private final CustomerDirectory directory;
  private final CustomerDirectoryService service;

  CustomerDirectoryController(CustomerDirectory directory, CustomerDirectoryService service) {
    this.directory = directory;
    this.service = service;
  }

  @GetMapping(PATH)
  List<CustomerDirectory.Entry> all() {
    return directory.all();
  }

  @Operation(summary = "Add a customer: {id, name, email, services}")
  @PostMapping(PATH)
  ResponseEntity<?> add(@RequestBody CustomerDirectory.Entry entry) {
    if (entry.id() != null && directory.exists(entry.id())) {
      return ApiProblems.response(HttpStatus.CONFLICT, "conflict",
          List.of("id: the customer '" + entry.id() + "' exists; PUT updates it"));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(service.save(entry));
  }

  @PutMapping(PATH + "/{id}")
  ResponseEntity<?> update(@PathVariable String id, @RequestBody CustomerDirectory.Entry entry) {
    if (!directory.exists(id)) {
      return ApiProblems.response(HttpStatus.NOT_FOUND, "not found", List.of("id: no customer '" + id + "'"));
    }
    return ResponseEntity.ok(service.save(new CustomerDirectory.Entry(id, entry.name(), entry.email(), entry.services())));
  }

  @Operation(summary = "Import customers from CSV (text/csv): id,name,email,services; all rows or none")
  @PostMapping(path = PATH + "/import", consumes = "text/csv")
  Imported importCsv(@RequestBody byte[] csv) throws IOException {
    int imported = service.importCsv(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8));
    return new Imported("success", imported);
  }

  @ExceptionHandler(CustomerDirectoryService.InvalidCustomerException.class)
  ResponseEntity<ProblemDetail> invalid(CustomerDirectoryService.InvalidCustomerException e) {
    return ApiProblems.response(HttpStatus.BAD_REQUEST, "invalid customer", e.errors());
  }
}
