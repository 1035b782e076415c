package io.incidentflow.oncall;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code incidentflow.paging}: how pages reach people. Who is paged, level by level, is the process owner's
 * (escalation-policy.dmn and page-responders.bpmn), not configuration.
 *
 * @param channels the order in which channels are tried for each responder
 * @param webhooks chat webhooks (Slack, Mattermost: a {@code {"text": ...}} body) for a user or a whole group
 * @param acknowledgeLinkValidity how long the acknowledge link of a page works
 */
@Validated
@ConfigurationProperties("incidentflow.paging")
public record PagingProperties(
    @DefaultValue({"webhook", "email"}) List<String> channels,
    @DefaultValue List<@Valid Webhook> webhooks,
    @DefaultValue("PT24H") @NotNull Duration acknowledgeLinkValidity,
    @DefaultValue("PT3S") @NotNull Duration webhookTimeout) {

  /**
   * @param owner {@code user:ID} or {@code group:ID}
   * @param url where to POST; a secret (Slack's webhook URLs are): from the environment in production
   */
  public record Webhook(@NotBlank String owner, @NotNull URI url) {}
}
