package io.incidentflow.oncall;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentflow.staff.StaffDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Pages through a chat webhook (Slack, Mattermost and most others take {@code {"text": ...}}), the responder's
 * own or their group's. A page counts as delivered on a 2xx answer only.
 */
@Component
class WebhookChannel implements PagingChannel {

  private final PagingProperties properties;
  private final StaffDirectory staff;
  private final ObjectMapper json;
  private final HttpClient http;

  WebhookChannel(PagingProperties properties, StaffDirectory staff, ObjectMapper json) {
    this.properties = properties;
    this.staff = staff;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout()).build();
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public void send(Responder responder, PageMessage page) throws ChannelFailure {
    URI url = urlOf(responder.userId()).orElseThrow(() -> new ChannelFailure("no webhook"));
    String text = page.headline() + " (level " + page.level() + ", for " + responder.name() + ")\nAcknowledge: "
        + page.acknowledgeUrl() + "\nTask: " + page.taskUrl() + "\nIncident: " + page.incidentUrl();
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.webhookTimeout())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text)))).build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new ChannelFailure("webhook answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new ChannelFailure("webhook unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelFailure("interrupted", e);
    }
  }

  /** The user's own webhook first, then the first of their groups that has one. */
  private Optional<URI> urlOf(String userId) {
    for (PagingProperties.Webhook webhook : properties.webhooks()) {
      if (webhook.owner().equals("user:" + userId)) {
        return Optional.of(webhook.url());
      }
    }
    for (PagingProperties.Webhook webhook : properties.webhooks()) {
      if (webhook.owner().startsWith("group:") && staff.isMember(userId, webhook.owner().substring(6))) {
        return Optional.of(webhook.url());
      }
    }
    return Optional.empty();
  }
}
