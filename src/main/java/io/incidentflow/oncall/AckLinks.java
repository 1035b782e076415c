package io.incidentflow.oncall;

import io.incidentflow.mail.MailProperties;
import io.incidentflow.platform.LinkSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The one-click acknowledge link of a page: names the incident and the paged person, expires, and is signed,
 * so that nobody can make one for someone else. It works once ({@link Acknowledgements}).
 */
@Component
public class AckLinks {

  static final String PATH = "/ack";
  private static final String PURPOSE = "acknowledge-page";

  /** What a link claims, once its signature is checked. */
  public record Claim(String incidentId, String userId, Instant expires, String signature) {}

  private final LinkSigner signer;
  private final String publicUrl;

  public AckLinks(LinkSigner signer, MailProperties mail) {
    this.signer = signer;
    this.publicUrl = mail.publicUrl();
  }

  public String url(String incidentId, String userId, Instant expires) {
    return publicUrl + PATH + "?incident=" + encode(incidentId) + "&user=" + encode(userId) + "&expires="
        + expires.getEpochSecond() + "&signature=" + signer.sign(PURPOSE, payload(incidentId, userId, expires));
  }

  /** @return null when the link was not made here (or was changed) */
  public Claim verify(String incidentId, String userId, String expires, String signature) {
    if (incidentId == null || userId == null || expires == null || !expires.matches("\\d{1,12}")) {
      return null;
    }
    Instant expiry = Instant.ofEpochSecond(Long.parseLong(expires));
    return signer.verify(PURPOSE, payload(incidentId, userId, expiry), signature)
        ? new Claim(incidentId, userId, expiry, signature) : null;
  }

  private static String payload(String incidentId, String userId, Instant expires) {
    return incidentId + "\n" + userId + "\n" + expires.getEpochSecond();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
