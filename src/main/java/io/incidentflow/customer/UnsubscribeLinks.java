package io.incidentflow.customer;

import io.incidentflow.mail.MailProperties;
import io.incidentflow.platform.LinkSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * The "stop these updates" link of every customer mail, signed and checked here only: nobody can unsubscribe
 * someone else.
 */
@Component
public class UnsubscribeLinks {

  private static final String PURPOSE = "unsubscribe-updates";

  private final LinkSigner signer;
  private final String publicUrl;

  public UnsubscribeLinks(LinkSigner signer, MailProperties mail) {
    this.signer = signer;
    this.publicUrl = mail.publicUrl();
  }

  /** The signed link for the customer, on the public address. */
  public String url(String customerId) {
    return publicUrl + UnsubscribeController.PATH + "?customer=" + URLEncoder.encode(customerId, StandardCharsets.UTF_8)
        + "&token=" + sign(customerId);
  }

  public boolean verify(String customerId, String token) {
    return customerId != null && signer.verify(PURPOSE, customerId, token);
  }

  String sign(String customerId) {
    return signer.sign(PURPOSE, customerId);
  }
}
