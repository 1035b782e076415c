package io.incidentflow.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * How a service's users are moved to its backup servers through HAProxy's Runtime API.
 *
 * @param address the admin socket: {@code unix:/run/haproxy/admin.sock} or {@code host:port}
 * @param backend the HAProxy backend of the service
 * @param primaries its active servers, taken out of rotation during the fallback
 * @param backups its {@code backup} servers, which then take the traffic
 * @param takeOutWith DRAIN lets open connections finish (no failed request); MAINT cuts at once
 */
public record HaproxyRoute(
    @NotBlank String address,
    @NotBlank @Pattern(regexp = NAME) String backend,
    @NotEmpty List<@Pattern(regexp = NAME) String> primaries,
    @NotEmpty List<@Pattern(regexp = NAME) String> backups,
    @NotNull TakeOut takeOutWith) {

  /** Names that cannot chain Runtime API commands (no {@code ;}, no line breaks). */
  public static final String NAME = "^[A-Za-z0-9_.:-]+$";

  public enum TakeOut {
    DRAIN,
    MAINT
  }
}
