package io.incidentflow.statuspage;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Subscribing to a service's updates from the status page, confirmed by mail. */
@Controller
class SubscriptionController {

  private final SubscriptionService subscriptions;

  SubscriptionController(SubscriptionService subscriptions) {
    this.subscriptions = subscriptions;
  }

  @PostMapping("/status/subscribe")
  String subscribe(@RequestParam(required = false) String email, @RequestParam(required = false) String service,
      Model model, HttpServletResponse response) {
    try {
      subscriptions.request(email, service);
      model.addAttribute("state", "requested");
    } catch (IllegalArgumentException e) {
      response.setStatus(400);
      model.addAttribute("state", "invalid");
      model.addAttribute("error", e.getMessage());
    } catch (MailException e) {
      response.setStatus(503);
      model.addAttribute("state", "unavailable");
    }
    return "subscription";
  }

  @GetMapping("/status/subscribe/confirm")
  String confirmPage(@RequestParam String token, Model model) {
    model.addAttribute("state", "confirm");
    model.addAttribute("token", token);
    return "subscription";
  }

  @PostMapping("/status/subscribe/confirm")
  String confirm(@RequestParam String token, Model model, HttpServletResponse response) {
    var service = subscriptions.confirm(token);
    if (service.isEmpty()) {
      response.setStatus(400);
      model.addAttribute("state", "invalid");
      model.addAttribute("error", "token: this link is not valid");
    } else {
      model.addAttribute("state", "confirmed");
      model.addAttribute("serviceName", service.get());
    }
    return "subscription";
  }
}
