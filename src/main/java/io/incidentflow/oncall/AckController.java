package io.incidentflow.oncall;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The acknowledge link of a page, without a login: the signed link is the credential. Opening it shows a
 * button; only the button's POST acknowledges, so a mail scanner that follows links acknowledges nothing.
 */
@Controller
class AckController {

  private final AckLinks links;
  private final Acknowledgements acknowledgements;

  AckController(AckLinks links, Acknowledgements acknowledgements) {
    this.links = links;
    this.acknowledgements = acknowledgements;
  }

  @GetMapping(AckLinks.PATH)
  String confirm(@RequestParam(required = false) String incident, @RequestParam(required = false) String user,
      @RequestParam(required = false) String expires, @RequestParam(required = false) String signature, Model model,
      HttpServletResponse response) {
    if (links.verify(incident, user, expires, signature) == null) {
      return invalid(model, response);
    }
    model.addAttribute("state", "confirm");
    model.addAttribute("incident", incident);
    model.addAttribute("user", user);
    model.addAttribute("expires", expires);
    model.addAttribute("signature", signature);
    return "acknowledge";
  }

  @PostMapping(AckLinks.PATH)
  String acknowledge(@RequestParam(required = false) String incident, @RequestParam(required = false) String user,
      @RequestParam(required = false) String expires, @RequestParam(required = false) String signature, Model model,
      HttpServletResponse response) {
    AckLinks.Claim claim = links.verify(incident, user, expires, signature);
    if (claim == null) {
      return invalid(model, response);
    }
    Acknowledgements.Result result = acknowledgements.byLink(claim);
    if (result.outcome() == Acknowledgements.Outcome.EXPIRED || result.outcome() == Acknowledgements.Outcome.LINK_USED) {
      response.setStatus(HttpStatus.GONE.value());
    }
    model.addAttribute("state", result.outcome().name().toLowerCase());
    model.addAttribute("incident", incident);
    model.addAttribute("by", result.by());
    return "acknowledge";
  }

  private static String invalid(Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    model.addAttribute("state", "invalid");
    return "acknowledge";
  }
}
