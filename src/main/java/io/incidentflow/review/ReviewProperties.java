package io.incidentflow.review;

import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.review} in application.yaml.
 *
 * @param timeZone where a meeting time without an offset, and an action item's due date, are meant
 * @param dueTime the time of day on its due date by which an action item is due
 */
@Validated
@ConfigurationProperties("incidentflow.review")
public record ReviewProperties(@NotNull ZoneId timeZone, @NotNull LocalTime dueTime) {}
