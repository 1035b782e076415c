package io.incidentflow.catalog;

import java.util.Collection;

public class UnknownServiceException extends IllegalArgumentException {
  public UnknownServiceException(String serviceId, Collection<String> known) {
    super("Unknown service '" + serviceId + "': the service catalog (incidentflow.services) knows " + known);
  }
}
