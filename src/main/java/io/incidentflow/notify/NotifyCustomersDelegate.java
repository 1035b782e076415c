package io.incidentflow.notify;

import static io.incidentflow.incident.IncidentVariables.*;

import io.incidentflow.incident.IncidentSnapshot;
import io.incidentflow.incident.ProcessValues;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Mails the notice named by the task's input {@code notice} to the affected customers. Runs as an async job;
 * a retry skips the customers already mailed.
 */
@Component("notifyCustomers")
public class NotifyCustomersDelegate implements JavaDelegate {

  private final CustomerNotifier notifier;

  public NotifyCustomersDelegate(CustomerNotifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Notice notice = Notice.fromKey(ProcessValues.requiredString(execution, NOTICE));
    String noticeKey = notice.key();
    Map<String, Object> details = new HashMap<>();
    details.put(IMPACT_DESCRIPTION, ProcessValues.string(execution, IMPACT_DESCRIPTION));
    // Only what communications wrote for customers: the technicians' notes and the reroute's summary stay internal.
    details.put(WORKAROUND_NOTICE, ProcessValues.string(execution, WORKAROUND_NOTICE));
    details.put(ALL_CLEAR_NOTICE, ProcessValues.string(execution, ALL_CLEAR_NOTICE));
    details.put(UPDATE_TEXT, ProcessValues.string(execution, UPDATE_TEXT));
    details.put(PUBLIC_MESSAGE, ProcessValues.string(execution, PUBLIC_MESSAGE));
    if (notice == Notice.UPDATE) {
      Object count = execution.getVariable(CUSTOMER_UPDATE_COUNT);
      int updateNumber = (count instanceof Number n ? n.intValue() : 0) + 1;
      noticeKey = notice.key() + "-" + updateNumber;
      details.put("updateNumber", updateNumber);
      execution.setVariable(CUSTOMER_UPDATE_COUNT, updateNumber);
    }
    String cadence = ProcessValues.string(execution, UPDATE_CADENCE);
    if (notice != Notice.RESOLVED && cadence != null) {
      details.put("nextUpdateAt", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
          .format(ClockUtil.now().toInstant().plus(Duration.parse(cadence))));
    }
    notifier.notifyAffectedCustomers(IncidentSnapshot.of(execution), notice, noticeKey, details);
  }
}
