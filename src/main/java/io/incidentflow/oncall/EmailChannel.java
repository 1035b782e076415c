package io.incidentflow.oncall;

import io.incidentflow.staff.StaffMailer;
import io.incidentflow.staff.StaffMember;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Pages by email through the outbox, in the paging job's transaction: the mail leaves once the page is
 * recorded, is retried by the outbox, and is never sent twice for the same round and level.
 */
@Component
class EmailChannel implements PagingChannel {

  private final StaffMailer mailer;

  EmailChannel(StaffMailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public void send(Responder responder, PageMessage page) throws ChannelFailure {
    if (responder.email() == null || responder.email().isBlank()) {
      throw new ChannelFailure("no email address");
    }
    mailer.mail(page.incident().id(), "page-r" + page.round() + "-l" + page.level(), "oncall-page", page.headline(),
        Map.of("incident", page.incident().mailModel("Open"),
            "affectedServices", List.of(page.incident().serviceName()),
            "runbook", page.runbook() == null ? "" : page.runbook(),
            "taskUrl", page.taskUrl(),
            "incidentUrl", page.incidentUrl(),
            "acknowledgeUrl", page.acknowledgeUrl()),
        List.of(new StaffMember(responder.userId(), responder.name(), responder.email())));
  }
}
