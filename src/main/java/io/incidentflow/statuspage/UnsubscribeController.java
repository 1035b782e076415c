package io.incidentflow.statuspage;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  static final String PURPOSE = "unsubscribe-updates"; // as signed by the outbox sender

  private final LinkSigner signer;
  private final JdbcClient jdbc;

  UnsubscribeController(LinkSigner signer, JdbcClient jdbc) {
    this.signer = signer;
    this.jdbc = jdbc;
  }

  @GetMapping("/status/unsubscribe")
  String confirm(@RequestParam String customer, @RequestParam String token, Model model, HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", StatusPageController.CSP);
    if (!signer.verify(PURPOSE, customer, token)) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("state", "invalid");
      return "unsubscribe";
    }
    model.addAttribute("state", "confirm");
    model.addAttribute("customer", customer);
    model.addAttribute("token", token);
    return "unsubscribe";
  }

  @PostMapping("/status/unsubscribe")
  String unsubscribe(@RequestParam String customer, @RequestParam String token, Model model, HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", StatusPageController.CSP);
    if (!signer.verify(PURPOSE, customer, token)) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("state", "invalid");
      return "unsubscribe";
    }
    jdbc.sql("UPDATE customer SET updates_opt_out = TRUE WHERE id = :id").param("id", customer).update();
    model.addAttribute("state", "done");
    return "unsubscribe";
  }
}
