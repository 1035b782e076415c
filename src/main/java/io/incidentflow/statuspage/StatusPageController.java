package io.incidentflow.statuspage;

import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The public status page: no login, no session, escaped output only and a strict Content-Security-Policy
 * ({@link io.incidentflow.platform.SecurityHeadersFilter}). HTML at /status, the same data at /status.json,
 * updates as an Atom feed at /status/feed.atom.
 */
@Controller
class StatusPageController {

  private final StatusPageService statusPage;

  StatusPageController(StatusPageService statusPage) {
    this.statusPage = statusPage;
  }

  @GetMapping("/status")
  String page(Model model) {
    model.addAttribute("page", statusPage.current());
    return "status";
  }

  @GetMapping(path = "/status.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  StatusPage json() {
    return statusPage.current();
  }

  @GetMapping(path = "/status/feed.atom", produces = "application/atom+xml")
  ResponseEntity<String> feed() throws XMLStreamException {
    StatusPage page = statusPage.current();
    StringWriter out = new StringWriter();
    XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeStartElement("feed");
    xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
    element(xml, "id", "urn:incidentflow:status");
    element(xml, "title", "Service status");
    element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(page.generatedAt()));
    for (StatusPage.PublicIncident incident : page.incidents()) {
      for (StatusPage.Update update : incident.updates()) {
        xml.writeStartElement("entry");
        element(xml, "id", "urn:incidentflow:" + incident.id() + ":" + update.at().toEpochMilli());
        element(xml, "title", incident.title() + " – " + update.status());
        element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(update.at()));
        xml.writeStartElement("author");
        element(xml, "name", "Status team");
        xml.writeEndElement();
        element(xml, "summary", incident.serviceName() + ": " + update.text());
        xml.writeEndElement();
      }
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    xml.close();
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml")).body(out.toString());
  }

  private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }
}
