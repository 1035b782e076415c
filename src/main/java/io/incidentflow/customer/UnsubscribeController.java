package io.incidentflow.customer;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "stop these updates" link of every customer mail. The link opens a page with a button: mail scanners
 * that follow links must not unsubscribe anybody.
 */
@Controller
class UnsubscribeController {

  static final String PATH = "/status/unsubscribe";

  private final UnsubscribeLinks links;
  private final CustomerDirectory directory;

  UnsubscribeController(UnsubscribeLinks links, CustomerDirectory directory) {
    this.links = links;
    this.directory = directory;
  }

  @GetMapping(PATH)
  String confirm(@RequestParam String customer, @RequestParam String token, Model model, HttpServletResponse response) {
    if (!links.verify(customer, token)) {
      return invalid(model, response);
    }
    model.addAttribute("state", "confirm");
    model.addAttribute("customer", customer);
    model.addAttribute("token", token);
    return "unsubscribe";
  }

  @PostMapping(PATH)
  String unsubscribe(@RequestParam String customer, @RequestParam String token, Model model, HttpServletResponse response) {
    if (!links.verify(customer, token)) {
      return invalid(model, response);
    }
    directory.optOutOfUpdates(customer);
    model.addAttribute("state", "done");
    return "unsubscribe";
  }

  private static String invalid(Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    model.addAttribute("state", "invalid");
    return "unsubscribe";
  }
}
