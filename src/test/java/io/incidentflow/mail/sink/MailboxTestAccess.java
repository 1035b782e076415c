package io.incidentflow.mail.sink;

import jakarta.mail.Part;

/** The plain-text part of a received mail, as the mailbox page reads it, for tests of other features. */
public final class MailboxTestAccess {

  private MailboxTestAccess() {}

  public static String plainText(Part message) throws Exception {
    return MailboxController.plainText(message);
  }
}
