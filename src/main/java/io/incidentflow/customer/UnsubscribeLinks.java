package io.incidentflow.customer;

import io.incidentflow.mail.MailProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The "stop these updates" link of every customer mail, signed and checked here only: nobody can unsubscribe
 * someone else.
 */
@Component
public class UnsubscribeLinks {

  private static final String PURPOSE = "unsubscribe-updates";

  private final SecretKeySpec key;
  private final String publicUrl;

  public UnsubscribeLinks(@Value("${incidentflow.links.secret}") String secret, MailProperties mail) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.publicUrl = mail.publicUrl();
  }

  /** The signed link for the customer, on the public address. */
  public String url(String customerId) {
    return publicUrl + UnsubscribeController.PATH + "?customer=" + URLEncoder.encode(customerId, StandardCharsets.UTF_8)
        + "&token=" + sign(customerId);
  }

  public boolean verify(String customerId, String token) {
    return token != null && customerId != null && MessageDigest.isEqual(
        sign(customerId).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  String sign(String customerId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal((PURPOSE + ":" + customerId).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}
