package io.incidentflow.incidentpage;

import static io.incidentflow.incident.IncidentProcess.CALL_PAGE_RESPONDERS;
import static io.incidentflow.incident.IncidentProcess.GATEWAY_TELL_CUSTOMERS_MEANWHILE;
import static io.incidentflow.incident.IncidentProcess.START_INCIDENT_REPORTED;
import static io.incidentflow.incident.IncidentProcess.SUBPROCESS_IDENTIFY;
import static io.incidentflow.incident.IncidentProcess.SUBPROCESS_RESOLUTION;
import static io.incidentflow.incident.IncidentProcess.TASK_ACKNOWLEDGE_INCIDENT;
import static io.incidentflow.incident.IncidentProcess.CALL_POST_INCIDENT_REVIEW;
import static io.incidentflow.incident.IncidentProcess.TASK_RESOLVE_INCIDENT;
import static io.incidentflow.incident.IncidentProcess.TASK_SCOPE_INCIDENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The incident's diagram drawn from processes/incident.bpmn's DI, with a history on it. */
class DiagramSvgTest {

  static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
  static BpmnModelInstance incident;

  @BeforeAll
  static void readModel() throws Exception {
    try (InputStream bpmn = Files.newInputStream(Path.of("processes", "incident.bpmn"))) {
      incident = Bpmn.readModelFromStream(bpmn);
    }
  }

  @Test
  void shouldDrawEveryShapeOfEveryDiagramOfTheModelAsWellFormedSvgWithoutScript() throws Exception {
    String svg = DiagramSvg.render(incident, "INC-2026-0001", List.of());

    Document document = parse(svg);
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    List<String> shapes = incident.getModelElementsByType(BpmnShape.class).stream()
        .map(shape -> shape.getBpmnElement().getId()).toList();
    assertThat(shapes).hasSizeGreaterThan(100);
    for (String id : shapes) {
      assertThat(shape(document, id)).as(id).isNotNull();
    }
    assertThat(shape(document, TASK_SCOPE_INCIDENT).getElementsByTagName("rect").getLength()).isEqualTo(1);
    assertThat(shape(document, START_INCIDENT_REPORTED).getElementsByTagName("circle").getLength()).isPositive();
    assertThat(shape(document, GATEWAY_TELL_CUSTOMERS_MEANWHILE).getElementsByTagName("polygon").getLength()).isOne();
    assertThat(shape(document, SUBPROCESS_RESOLUTION).getAttribute("class")).contains("frame");
    assertThat(rect(document, CALL_PAGE_RESPONDERS).getAttribute("stroke-width")).as("a call activity's thick border")
        .isEqualTo("4");
    assertThat(text(document, "//*[local-name()='g'][@class='plane']/@data-element-id"))
        .as("the process, then the inside of the collapsed sub-process").isEqualTo("incident");
    assertThat(svg).contains("Inside \u201cPage and acknowledge\u201d")
        .contains("data-element-id=\"" + SUBPROCESS_IDENTIFY + "\"")
        .doesNotContainIgnoringCase("<script").doesNotContainPattern("\\son[a-z]+=").doesNotContain("foreignObject");
    assertThat(document.getElementsByTagName("polyline").getLength()).as("every sequence flow").isGreaterThanOrEqualTo(112);
    assertThat(text(document, "count(//*[@class='plane']//*[@class='run-count'])")).as("nothing ran: no count")
        .isEqualTo("0");
  }

  @Test
  void shouldFillWhatRanAndHighlightWhatRunsNowWithWhenAndWhoInTheTooltip() throws Exception {
    List<ActivityRun> runs = List.of(
        new ActivityRun(TASK_ACKNOWLEDGE_INCIDENT, T0, T0.plus(Duration.ofMinutes(4)), false, "tom"),
        new ActivityRun(TASK_SCOPE_INCIDENT, T0.plus(Duration.ofMinutes(4)), null, false, "ivy"));

    Document document = parse(DiagramSvg.render(incident, "INC-2026-0001", runs));

    Element acknowledge = shape(document, TASK_ACKNOWLEDGE_INCIDENT);
    assertThat(acknowledge.getAttribute("class")).isEqualTo("shape activity completed");
    assertThat(rect(document, TASK_ACKNOWLEDGE_INCIDENT).getAttribute("fill"))
        .isEqualTo(DiagramShapes.fill(DiagramSvg.State.COMPLETED));
    assertThat(acknowledge.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(
        "Acknowledge incident\nstarted 2026-11-30 09:00:00 UTC, ended 2026-11-30 09:04:00 UTC, assignee tom");

    Element scope = shape(document, TASK_SCOPE_INCIDENT);
    assertThat(scope.getAttribute("class")).isEqualTo("shape activity running");
    assertThat(text(document, "//*[@data-element-id='" + TASK_SCOPE_INCIDENT + "']/*[@class='running-halo']/@stroke"))
        .isEqualTo(DiagramShapes.stroke(DiagramSvg.State.RUNNING));
    assertThat(scope.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("Scope incident\nstarted 2026-11-30 09:04:00 UTC, running, assignee ivy");

    assertThat(shape(document, CALL_POST_INCIDENT_REVIEW).getAttribute("class")).isEqualTo("shape activity not-reached");
    assertThat(rect(document, CALL_POST_INCIDENT_REVIEW).getAttribute("fill")).isEqualTo("#ffffff");
  }

  @Test
  void shouldCountTheRunsOfAnActivityThatRanMoreThanOnce() throws Exception {
    List<ActivityRun> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(new ActivityRun(TASK_RESOLVE_INCIDENT, T0.plus(Duration.ofMinutes(10L * i)),
          i < 2 ? T0.plus(Duration.ofMinutes(10L * i + 5)) : null, false, i == 0 ? "amy" : "tom"));
    }
    runs.add(new ActivityRun(TASK_SCOPE_INCIDENT, T0, T0.plusSeconds(60), false, "ivy"));

    String svg = DiagramSvg.render(incident, "INC-2026-0001", runs);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "diagram-svg-test.svg"), svg); // to look at
    Document document = parse(svg);

    Element resolve = shape(document, TASK_RESOLVE_INCIDENT);
    assertThat(text(document, "//*[@data-element-id='" + TASK_RESOLVE_INCIDENT + "']/*[@class='run-count']"))
        .isEqualTo("3");
    assertThat(resolve.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("""
        Resolve incident
        ran 3 times
        1. started 2026-11-30 09:00:00 UTC, ended 2026-11-30 09:05:00 UTC, assignee amy
        2. started 2026-11-30 09:10:00 UTC, ended 2026-11-30 09:15:00 UTC, assignee tom
        3. started 2026-11-30 09:20:00 UTC, running, assignee tom""");
    assertThat(text(document, "//*[@data-element-id='" + TASK_SCOPE_INCIDENT + "']/*[@class='run-count']"))
        .as("once: no count").isEmpty();
  }

  @Test
  void shouldEscapeNamesAndAssigneesAndDrawAnyCallActivityWithAThickBorder() throws Exception {
    BpmnModelInstance model = Bpmn.createExecutableProcess("other").name("Review & <learn>").startEvent("Start")
        .userTask("Task_Evil").name("<script>alert('x')</script> & \"quoted\"")
        .callActivity("CallActivity_Review").name("Hold review").calledElement("post-incident-review")
        .endEvent("End").done();

    String svg = DiagramSvg.render(model, "INC <1>", List.of(
        new ActivityRun("Task_Evil", T0, T0.plusSeconds(5), false, "<img src=x onerror=alert(1)>")));

    Document document = parse(svg);
    assertThat(svg).doesNotContain("<script").doesNotContain("<img").doesNotContain("<learn>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").contains("&amp; &quot;quoted&quot;");
    assertThat(shape(document, "Task_Evil").getElementsByTagName("title").item(0).getTextContent())
        .startsWith("<script>alert('x')</script> & \"quoted\"\n").endsWith("assignee <img src=x onerror=alert(1)>");
    assertThat(rect(document, "CallActivity_Review").getAttribute("stroke-width")).isEqualTo("4");
    assertThat(svg).contains("Process \u201cReview &amp; &lt;learn&gt;\u201d");
  }

  @Test
  void shouldWrapLongNamesBetweenWordsAndCutWhatDoesNotFit() {
    assertThat(Svg.wrap("Apply the workaround manually", 92, 5)).containsExactly("Apply the", "workaround",
        "manually");
    assertThat(Svg.wrap("a b c d e f g h i j k l m n o p q r s t", 30, 2)).hasSize(2).last().asString().endsWith("…");
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element shape(Document document, String id) throws Exception {
    return (Element) XPathFactory.newInstance().newXPath()
        .evaluate("//*[contains(@class,'shape')][@data-element-id='" + id + "']", document, XPathConstants.NODE);
  }

  private static Element rect(Document document, String id) throws Exception {
    NodeList rects = shape(document, id).getElementsByTagName("rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element rect = (Element) rects.item(i);
      if (!"running-halo".equals(rect.getAttribute("class"))) {
        return rect;
      }
    }
    return null;
  }

  private static String text(Document document, String xpath) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(xpath, document);
  }
}
