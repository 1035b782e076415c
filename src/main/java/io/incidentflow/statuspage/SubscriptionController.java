package io.incidentflow.statuspage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subscribing to a service's updates from the status page, confirmed by mail: limited per address and per
 * client, the link valid for a day ({@link StatusPageProperties}). Behind a reverse proxy, set Spring Boot's
 * {@code server.forward-headers-strategy} so that the client is the visitor, not the proxy.
 */
@Controller
class SubscriptionController {

  private final SubscriptionService subscriptions;

  SubscriptionController(SubscriptionService subscriptions) {
    this.subscriptions = subscriptions;
  }

  @PostMapping("/status/subscribe")
  String subscribe(@RequestParam(required = false) String email, @RequestParam(required = false) String service,
      Model model, HttpServletRequest request, HttpServletResponse response) {
    try {
      subscriptions.request(email, service, request.getRemoteAddr());
      model.addAttribute("state", "requested");
    } catch (SubscriptionLimits.TooManyRequestsException e) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
      model.addAttribute("state", "limited");
      model.addAttribute("error", e.getMessage());
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("state", "invalid");
      model.addAttribute("error", e.getMessage());
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
    SubscriptionService.Confirmed confirmed = subscriptions.confirm(token);
    switch (confirmed.state()) {
      case CONFIRMED -> {
        model.addAttribute("state", "confirmed");
        model.addAttribute("serviceName", confirmed.serviceName());
      }
      case EXPIRED -> {
        response.setStatus(HttpStatus.GONE.value());
        model.addAttribute("state", "expired");
      }
      case UNKNOWN -> {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("state", "invalid");
        model.addAttribute("error", "token: this link is not valid");
      }
    }
    return "subscription";
  }
}
