package io.incidentflow.notify;

/** A customer in the directory. */
public record Customer(String id, String name, String email) {
  public Recipient recipient() {
    return new Recipient(name, email);
  }
}
