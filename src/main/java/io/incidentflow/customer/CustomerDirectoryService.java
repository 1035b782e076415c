package io.incidentflow.customer;

import io.incidentflow.catalog.ServiceCatalog;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks and stores customer directory entries, one at a time or as a CSV import (all or nothing). */
@Service
public class CustomerDirectoryService {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  /** What is wrong with an entry, field by field. */
  public static class InvalidCustomerException extends IllegalArgumentException {
    private final List<String> errors;

    InvalidCustomerException(List<String> errors) {
      super(String.join("; ", errors));
      this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
      return errors;
    }
  }

  private final CustomerDirectory directory;
  private final ServiceCatalog catalog;

  public CustomerDirectoryService(CustomerDirectory directory, ServiceCatalog catalog) {
    this.directory = directory;
    this.catalog = catalog;
  }

  @Transactional
  public CustomerDirectory.Entry save(CustomerDirectory.Entry entry) {
    List<String> errors = check(entry, "");
    if (!errors.isEmpty()) {
      throw new InvalidCustomerException(errors);
    }
    CustomerDirectory.Entry clean = normalise(entry);
    directory.save(clean);
    return clean;
  }

  /**
   * Imports {@code id,name,email,services} rows (services separated by spaces or semicolons); every row is
   * checked before any is stored.
   *
   * @return how many customers were added or updated
   */
  @Transactional
  public int importCsv(Reader csv) throws IOException {
    List<String> errors = new ArrayList<>();
    List<CustomerDirectory.Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setIgnoreEmptyLines(true).get();
    try (CSVParser parser = format.parse(csv)) {
      for (String column : List.of("id", "name", "email", "services")) {
        if (!parser.getHeaderMap().containsKey(column)) {
          errors.add("header: the column '" + column + "' is missing (expected id,name,email,services)");
        }
      }
      if (!errors.isEmpty()) {
        throw new InvalidCustomerException(errors);
      }
      for (CSVRecord record : parser) {
        String line = "line " + (record.getRecordNumber() + 1) + ": ";
        CustomerDirectory.Entry entry = new CustomerDirectory.Entry(value(record, "id"), value(record, "name"),
            value(record, "email"), Arrays.stream(value(record, "services").split("[;\\s]+"))
                .filter(s -> !s.isBlank()).toList());
        errors.addAll(check(entry, line));
        if (entry.id() != null && !seen.add(entry.id())) {
          errors.add(line + "id: '" + entry.id() + "' appears twice in the file");
        }
        entries.add(entry);
      }
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw new InvalidCustomerException(List.of("csv: cannot be read: " + e.getMessage()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidCustomerException(errors);
    }
    entries.stream().map(this::normalise).forEach(directory::save);
    return entries.size();
  }

  private static String value(CSVRecord record, String column) {
    return record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
  }

  List<String> check(CustomerDirectory.Entry entry, String prefix) {
    List<String> errors = new ArrayList<>();
    if (entry.id() == null || !ID.matcher(entry.id()).matches()) {
      errors.add(prefix + "id: must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (entry.name() == null || entry.name().isBlank()) {
      errors.add(prefix + "name: is required");
    } else if (entry.name().length() > 255 || CONTROL.matcher(entry.name()).find()) {
      errors.add(prefix + "name: must be one line of at most 255 characters");
    }
    if (entry.email() == null || entry.email().isBlank()) {
      errors.add(prefix + "email: is required");
    } else {
      try {
        InternetAddress[] parsed = InternetAddress.parse(entry.email(), true);
        if (parsed.length != 1 || parsed[0].getPersonal() != null || !parsed[0].getAddress().equals(entry.email().strip())) {
          errors.add(prefix + "email: must be exactly one plain address");
        } else {
          parsed[0].validate();
        }
      } catch (AddressException e) {
        errors.add(prefix + "email: is not a valid address (" + e.getMessage() + ")");
      }
    }
    List<String> services = entry.services() == null ? List.of() : entry.services();
    for (String service : services) {
      if (catalog.find(service).isEmpty()) {
        errors.add(prefix + "services: unknown service '" + service + "'");
      }
    }
    return errors;
  }

  private CustomerDirectory.Entry normalise(CustomerDirectory.Entry entry) {
    return new CustomerDirectory.Entry(entry.id(), entry.name().strip(), entry.email().strip(),
        entry.services() == null ? List.of() : List.copyOf(new java.util.TreeSet<>(entry.services())));
  }
}
