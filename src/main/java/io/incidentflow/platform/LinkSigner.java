package io.incidentflow.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signs what a link in a mail or feed stands for (HMAC-SHA256 with {@code incidentflow.links.secret}), so
 * that a link works without a login and nobody can forge one for someone else. The purpose is part of what is
 * signed: a token made for one kind of link is worth nothing for another.
 */
@Component
public class LinkSigner {

  private final SecretKeySpec key;

  public LinkSigner(@Value("${incidentflow.links.secret}") String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String sign(String purpose, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal((purpose + ":" + payload).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }

  /** In constant time. */
  public boolean verify(String purpose, String payload, String token) {
    return token != null && payload != null && MessageDigest.isEqual(
        sign(purpose, payload).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }
}
