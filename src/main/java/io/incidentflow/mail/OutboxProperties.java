package io.incidentflow.mail;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.outbox}: how customer notices leave the outbox.
 *
 * @param batchSize mails sent over one SMTP connection
 * @param pollInterval how often the sender looks for due mail (it is also woken when notices are enqueued)
 * @param maxAttempts attempts before a delivery is marked failed, with its reason
 * @param firstBackoff wait after the first failed attempt; it doubles with each further failure, up to an hour
 * @param lease how long a claimed delivery stays with the node that claimed it, should that node die
 * @param sendOnEnqueue start sending right after the notifying transaction commits, not at the next poll
 */
@Validated
@ConfigurationProperties("incidentflow.outbox")
public record OutboxProperties(@Min(1) int batchSize, @NotNull Duration pollInterval, @Min(1) int maxAttempts,
    @NotNull Duration firstBackoff, @NotNull Duration lease, boolean sendOnEnqueue) {}
