package io.incidentflow.incidentpage;

import io.incidentflow.incidentpage.DiagramSvg.State;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageFlow;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;

/** How each kind of BPMN element is drawn, and in which colours for what the history says of it. */
final class DiagramShapes {

  static final String LINE = "#495057";
  static final String ARROW_ID = "incidentflow-arrow";
  /** Labels are written at 11px: more characters fit a line than at 12px. */
  static final double SMALL = 12.0 / 11;

  /** Fill and stroke per state: reached ones stand out, the one running now most. */
  static String fill(State state) {
    return switch (state) {
      case NOT_REACHED -> "#ffffff";
      case COMPLETED -> "#c3fae8";
      case RUNNING -> "#ffd8a8";
      case CANCELLED -> "#e9ecef";
    };
  }

  static String stroke(State state) {
    return switch (state) {
      case NOT_REACHED -> "#868e96";
      case COMPLETED -> "#087f5b";
      case RUNNING -> "#e8590c";
      case CANCELLED -> "#868e96";
    };
  }

  private DiagramShapes() {}

  static void defs(Svg svg) {
    svg.open("defs").open("marker", "id", ARROW_ID, "viewBox", "0 0 10 10", "refX", 10, "refY", 5, "markerWidth", 8,
        "markerHeight", 8, "orient", "auto-start-reverse")
        .empty("path", "d", "M 0 0 L 10 5 L 0 10 z", "fill", LINE).close("marker").close("defs");
  }

  static String name(BaseElement element) {
    String name = element instanceof FlowElement flow ? flow.getName()
        : element instanceof Participant participant ? participant.getName()
        : element instanceof Lane lane ? lane.getName()
        : element instanceof Process process ? process.getName()
        : element instanceof TextAnnotation note && note.getText() != null ? note.getText().getTextContent() : null;
    return name == null || name.isBlank() ? element.getId() : name.strip();
  }

  private static String shownName(BaseElement element) {
    String name = name(element);
    return name.equals(element.getId()) && !(element instanceof Activity) ? "" : name;
  }

  /** Pools, lanes and expanded sub-processes: a frame with its name at the top left. */
  static void frame(Svg svg, BpmnShape shape, State state, String tooltip, int runs) {
    Bounds b = shape.getBounds();
    BaseElement element = shape.getBpmnElement();
    boolean eventSubProcess = element instanceof SubProcess sub && sub.triggeredByEvent();
    boolean reached = state != State.NOT_REACHED && element instanceof SubProcess;
    svg.open("g", "class", "shape frame " + state.cssClass, "data-element-id", element.getId()).title(tooltip);
    svg.empty("rect", "x", b.getX(), "y", b.getY(), "width", b.getWidth(), "height", b.getHeight(), "rx",
        element instanceof SubProcess ? 10 : 0, "fill", reached ? fill(state) : "#ffffff",
        "fill-opacity", reached ? 0.35 : 1, "stroke", stroke(state), "stroke-width", state == State.RUNNING ? 3 : 1.5,
        "stroke-dasharray", eventSubProcess ? "2 3" : null);
    svg.open("text", "x", b.getX() + 8, "y", b.getY() + 16, "font-weight", "bold", "fill", "#343a40")
        .text(shownName(element)).close("text");
    badge(svg, b.getX() + b.getWidth(), b.getY(), runs);
    svg.close("g");
  }

  static void edge(Svg svg, BpmnEdge edge) {
    BaseElement element = edge.getBpmnElement();
    String points = edge.getWaypoints().stream().map(p -> Svg.format(p.getX()) + "," + Svg.format(p.getY()))
        .collect(Collectors.joining(" "));
    boolean association = element instanceof Association;
    svg.open("g", "class", "edge", "data-element-id", element.getId());
    svg.empty("polyline", "points", points, "fill", "none", "stroke", LINE, "stroke-width", 1.5,
        "stroke-dasharray", association ? "2 3" : element instanceof MessageFlow ? "6 4" : null,
        "marker-end", association ? null : "url(#" + ARROW_ID + ")");
    String name = shownName(element);
    if (!name.isEmpty() && edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
      Bounds label = edge.getBpmnLabel().getBounds();
      svg.lines(label.getX() + label.getWidth() / 2, label.getY() + 11,
          Svg.wrap(name, Math.max(label.getWidth(), 60) * SMALL, 3), "font-size", 11, "fill", "#343a40");
    }
    svg.close("g");
  }

  /** Tasks, call activities, collapsed sub-processes, events, gateways, annotations. */
  static void node(Svg svg, BpmnShape shape, State state, String tooltip, int runs) {
    Bounds b = shape.getBounds();
    BaseElement element = shape.getBpmnElement();
    String kind = element instanceof Event ? "event" : element instanceof Gateway ? "gateway"
        : element instanceof Activity ? "activity" : "artifact";
    svg.open("g", "class", "shape " + kind + " " + state.cssClass, "data-element-id", element.getId()).title(tooltip);
    double cx = b.getX() + b.getWidth() / 2;
    double cy = b.getY() + b.getHeight() / 2;
    String fill = fill(state);
    String stroke = stroke(state);
    if (state == State.RUNNING) { // a halo around what runs now, seen from afar
      svg.empty("rect", "class", "running-halo", "x", b.getX() - 5, "y", b.getY() - 5, "width", b.getWidth() + 10,
          "height", b.getHeight() + 10, "rx", 14, "fill", "none", "stroke", stroke, "stroke-width", 2,
          "stroke-dasharray", "5 3");
    }
    if (element instanceof Activity) {
      svg.empty("rect", "x", b.getX(), "y", b.getY(), "width", b.getWidth(), "height", b.getHeight(), "rx", 10,
          "fill", fill, "stroke", stroke, "stroke-width", element instanceof CallActivity ? 4 : 2);
      if (element instanceof SubProcess) { // collapsed: its inside is drawn below
        svg.empty("rect", "x", cx - 7, "y", b.getY() + b.getHeight() - 16, "width", 14, "height", 14, "fill", "none",
            "stroke", stroke);
        svg.empty("path", "d", "M " + Svg.format(cx - 4) + " " + Svg.format(b.getY() + b.getHeight() - 9) + " h 8 M "
            + Svg.format(cx) + " " + Svg.format(b.getY() + b.getHeight() - 13) + " v 8", "stroke", stroke);
      }
      List<String> lines = Svg.wrap(shownName(element), b.getWidth() - 8, 5);
      svg.lines(cx, cy - (lines.size() - 1) * Svg.LINE_HEIGHT / 2.0 + 4, lines, "fill", "#212529");
    } else if (element instanceof Event event) {
      event(svg, event, cx, cy, Math.min(b.getWidth(), b.getHeight()) / 2, fill, stroke);
      label(svg, shape, element);
    } else if (element instanceof Gateway gateway) {
      gateway(svg, gateway, b, cx, cy, fill, stroke);
      label(svg, shape, element);
    } else if (element instanceof TextAnnotation) {
      svg.empty("path", "d", "M " + Svg.format(b.getX() + 10) + " " + Svg.format(b.getY()) + " h -10 v "
          + Svg.format(b.getHeight()) + " h 10", "fill", "none", "stroke", LINE);
      List<String> lines = Svg.wrap(shownName(element), b.getWidth() - 8, 6);
      for (int i = 0; i < lines.size(); i++) {
        svg.open("text", "x", b.getX() + 5, "y", b.getY() + 14 + i * Svg.LINE_HEIGHT, "fill", "#343a40")
            .text(lines.get(i)).close("text");
      }
    } else {
      svg.empty("rect", "x", b.getX(), "y", b.getY(), "width", b.getWidth(), "height", b.getHeight(), "fill", fill,
          "stroke", stroke);
      label(svg, shape, element);
    }
    badge(svg, element instanceof Activity ? b.getX() + b.getWidth() - 2 : b.getX() + b.getWidth(), b.getY() + 2,
        runs);
    svg.close("g");
  }

  /** How often it ran, when more than once (a loop), on the shape's top right corner. */
  private static void badge(Svg svg, double x, double y, int runs) {
    if (runs > 1) {
      svg.open("g", "class", "run-count");
      svg.empty("circle", "cx", x, "cy", y, "r", 10, "fill", "#1864ab", "stroke", "#ffffff", "stroke-width", 1.5);
      svg.open("text", "x", x, "y", y + 4, "text-anchor", "middle", "font-size", 11, "font-weight", "bold",
          "fill", "#ffffff").text(runs > 99 ? "99+" : Integer.toString(runs)).close("text");
      svg.close("g");
    }
  }

  private static void label(Svg svg, BpmnShape shape, BaseElement element) {
    String name = shownName(element);
    if (name.isEmpty()) {
      return;
    }
    Bounds b = shape.getBounds();
    if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
      Bounds label = shape.getBpmnLabel().getBounds();
      svg.lines(label.getX() + label.getWidth() / 2, label.getY() + 11, Svg.wrap(name, Math.max(label.getWidth(), 60) * SMALL, 4),
          "font-size", 11, "fill", "#343a40");
    } else {
      svg.lines(b.getX() + b.getWidth() / 2, b.getY() + b.getHeight() + 14, Svg.wrap(name, 90 * SMALL, 2), "font-size", 11,
          "fill", "#343a40");
    }
  }

  private static void event(Svg svg, Event event, double cx, double cy, double r, String fill, String stroke) {
    boolean nonInterrupting = (event instanceof BoundaryEvent boundary && !boundary.cancelActivity())
        || (event instanceof StartEvent start && !start.isInterrupting());
    String dashes = nonInterrupting ? "4 2" : null;
    svg.empty("circle", "cx", cx, "cy", cy, "r", r, "fill", fill, "stroke", stroke,
        "stroke-width", event instanceof EndEvent ? 4 : 1.5, "stroke-dasharray", dashes);
    if (!(event instanceof StartEvent) && !(event instanceof EndEvent)) {
      svg.empty("circle", "cx", cx, "cy", cy, "r", r - 3, "fill", "none", "stroke", stroke, "stroke-width", 1.2,
          "stroke-dasharray", dashes);
    }
    List<EventDefinition> definitions = event instanceof CatchEvent c ? List.copyOf(c.getEventDefinitions())
        : event instanceof ThrowEvent t ? List.copyOf(t.getEventDefinitions()) : List.of();
    if (definitions.isEmpty()) {
      return;
    }
    EventDefinition definition = definitions.get(0);
    String ink = event instanceof ThrowEvent ? "#212529" : "none";
    if (definition instanceof TimerEventDefinition) {
      svg.empty("circle", "cx", cx, "cy", cy, "r", r * 0.55, "fill", "#ffffff", "stroke", LINE, "stroke-width", 1.5);
      svg.empty("path", "d", "M " + Svg.format(cx) + " " + Svg.format(cy) + " V " + Svg.format(cy - r * 0.4)
          + " M " + Svg.format(cx) + " " + Svg.format(cy) + " L " + Svg.format(cx + r * 0.3) + " " + Svg.format(cy),
          "stroke", LINE, "stroke-width", 1.5);
    } else if (definition instanceof MessageEventDefinition) {
      double w = r * 0.9;
      double h = r * 0.6;
      svg.empty("rect", "x", cx - w / 2, "y", cy - h / 2, "width", w, "height", h, "fill",
          "none".equals(ink) ? "#ffffff" : ink, "stroke", LINE);
      svg.empty("polyline", "points", Svg.format(cx - w / 2) + "," + Svg.format(cy - h / 2) + " " + Svg.format(cx) + ","
          + Svg.format(cy + 1) + " " + Svg.format(cx + w / 2) + "," + Svg.format(cy - h / 2), "fill", "none",
          "stroke", "none".equals(ink) ? LINE : "#ffffff");
    } else if (definition instanceof ErrorEventDefinition) {
      svg.empty("polyline", "points", Svg.format(cx - r * 0.4) + "," + Svg.format(cy + r * 0.4) + " "
          + Svg.format(cx - r * 0.15) + "," + Svg.format(cy - r * 0.35) + " " + Svg.format(cx + r * 0.15) + ","
          + Svg.format(cy + r * 0.1) + " " + Svg.format(cx + r * 0.4) + "," + Svg.format(cy - r * 0.4), "fill", "none",
          "stroke", LINE, "stroke-width", 2);
    } else if (definition instanceof TerminateEventDefinition) {
      svg.empty("circle", "cx", cx, "cy", cy, "r", r * 0.55, "fill", "#212529");
    }
  }

  private static void gateway(Svg svg, Gateway gateway, Bounds b, double cx, double cy, String fill, String stroke) {
    svg.empty("polygon", "points", Svg.format(cx) + "," + Svg.format(b.getY()) + " " + Svg.format(b.getX() + b.getWidth())
        + "," + Svg.format(cy) + " " + Svg.format(cx) + "," + Svg.format(b.getY() + b.getHeight()) + " "
        + Svg.format(b.getX()) + "," + Svg.format(cy), "fill", fill, "stroke", stroke, "stroke-width", 2);
    double m = b.getWidth() * 0.2;
    if (gateway instanceof ExclusiveGateway) {
      svg.empty("path", "d", "M " + Svg.format(cx - m) + " " + Svg.format(cy - m) + " L " + Svg.format(cx + m) + " "
          + Svg.format(cy + m) + " M " + Svg.format(cx + m) + " " + Svg.format(cy - m) + " L " + Svg.format(cx - m)
          + " " + Svg.format(cy + m), "stroke", "#212529", "stroke-width", 3);
    } else if (gateway instanceof ParallelGateway) {
      svg.empty("path", "d", "M " + Svg.format(cx) + " " + Svg.format(cy - m * 1.3) + " V " + Svg.format(cy + m * 1.3)
          + " M " + Svg.format(cx - m * 1.3) + " " + Svg.format(cy) + " H " + Svg.format(cx + m * 1.3),
          "stroke", "#212529", "stroke-width", 3);
    } else if (gateway instanceof InclusiveGateway) {
      svg.empty("circle", "cx", cx, "cy", cy, "r", m * 1.2, "fill", "none", "stroke", "#212529", "stroke-width", 2.5);
    } else if (gateway instanceof EventBasedGateway) {
      svg.empty("circle", "cx", cx, "cy", cy, "r", m * 1.3, "fill", "none", "stroke", "#212529");
      svg.empty("circle", "cx", cx, "cy", cy, "r", m * 1.05, "fill", "none", "stroke", "#212529");
    }
  }

  /** What the colours and the badge mean, under the diagrams. */
  static void legend(Svg svg, double x, double y) {
    svg.open("g", "class", "legend", "font-size", 12);
    String[][] items = {{"completed", "ran and completed"}, {"running", "running now"},
        {"cancelled", "cancelled (interrupted)"}, {"not-reached", "not reached"}};
    State[] states = {State.COMPLETED, State.RUNNING, State.CANCELLED, State.NOT_REACHED};
    double at = x;
    for (int i = 0; i < items.length; i++) {
      svg.empty("rect", "x", at, "y", y, "width", 26, "height", 16, "rx", 4, "fill", fill(states[i]), "stroke",
          stroke(states[i]), "stroke-width", 2);
      svg.open("text", "x", at + 32, "y", y + 12, "fill", "#343a40").text(items[i][1]).close("text");
      at += 40 + items[i][1].length() * Svg.CHAR_WIDTH + 16;
    }
    badge(svg, at + 10, y + 8, 2);
    svg.open("text", "x", at + 26, "y", y + 12, "fill", "#343a40").text("ran more than once (how often)")
        .close("text");
    svg.close("g");
  }
}
