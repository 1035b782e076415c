package io.incidentflow.notify;

import java.time.Instant;

/**
 * What customers were told about an incident, as the public may read it.
 *
 * @param noticeKey {@code confirmed}, {@code update-2}, {@code workaround}, {@code resolved}
 */
public record PublicUpdate(String incidentId, String noticeKey, String text, Instant publishedAt) {}
