package io.incidentflow.staff;

/** A member of a Camunda group who can be mailed. */
public record StaffMember(String userId, String name, String email) {}
