package io.incidentflow.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
  ResponseEntity<Object> add(@RequestBody CustomerDirectory.Entry entry) {
    if (entry.id() != null && directory.exists(entry.id())) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(Map.of("status", "conflict", "errors", List.of("id: the customer '" + entry.id() + "' exists; PUT updates it")));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(service.save(entry));
  }

  @PutMapping(PATH + "/{id}")
  ResponseEntity<Object> update(@PathVariable String id, @RequestBody CustomerDirectory.Entry entry) {
    if (!directory.exists(id)) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Map.of("status", "not found", "errors", List.of("id: no customer '" + id + "'")));
    }
    return ResponseEntity.ok(service.save(new CustomerDirectory.Entry(id, entry.name(), entry.email(), entry.services())));
  }

  @Operation(summary = "Import customers from CSV (text/csv): id,name,email,services; all rows or none")
  @PostMapping(path = PATH + "/import", consumes = {"text/csv", "text/plain"})
  Map<String, Object> importCsv(@RequestBody byte[] csv) throws IOException {
    int imported = service.importCsv(new InputStreamReader(new java.io.ByteArrayInputStream(csv), StandardCharsets.UTF_8));
    return Map.of("status", "success", "imported", imported);
  }

  @ExceptionHandler(CustomerDirectoryService.InvalidCustomerException.class)
  ResponseEntity<Map<String, Object>> invalid(CustomerDirectoryService.InvalidCustomerException e) {
    return ResponseEntity.badRequest().body(Map.of("status", "invalid customer", "errors", e.errors()));
  }
}
