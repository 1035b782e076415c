package io.incidentflow.incidentpage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.DiagramElement;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * A process diagram as SVG, drawn from its BPMN DI (shapes' bounds, edges' waypoints, labels), with an incident's
 * history on it: what ran is filled, what runs now is highlighted, an activity that ran more than once carries
 * the count, and each activity's tooltip gives its runs' start, end and assignee. Every diagram of the model is
 * drawn, one under the other: the process, then the inside of each collapsed sub-process (Modeler's drill-down).
 * No script: the result is shown inline in a page, as an image, or inserted into Cockpit.
 */
final class DiagramSvg {

  static final int MARGIN = 20;
  static final int CAPTION = 30;
  static final int LEGEND = 36;
  static final int MAX_RUNS_LISTED = 10;
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** What the history says of one element, its colours in {@link DiagramShapes}. */
  enum State {
    NOT_REACHED("not-reached"), COMPLETED("completed"), RUNNING("running"), CANCELLED("cancelled");

    final String cssClass;

    State(String cssClass) {
      this.cssClass = cssClass;
    }
  }

  private record Area(double minX, double minY, double maxX, double maxY) {
    double width() {
      return maxX - minX;
    }

    double height() {
      return maxY - minY;
    }
  }

  private DiagramSvg() {}

  /**
   * @param title the picture's accessible name, e.g. the incident id
   * @param runs every run of the instance's activities (any order)
   */
  static String render(BpmnModelInstance model, String title, List<ActivityRun> runs) {
    Map<String, List<ActivityRun>> byActivity = new LinkedHashMap<>();
    runs.stream().sorted(Comparator.comparing(ActivityRun::start))
        .forEach(run -> byActivity.computeIfAbsent(run.activityId(), id -> new ArrayList<>()).add(run));
    List<BpmnPlane> planes = model.getModelElementsByType(BpmnDiagram.class).stream().map(BpmnDiagram::getBpmnPlane)
        .sorted(Comparator.comparing(plane -> plane.getBpmnElement() instanceof SubProcess)).toList();
    List<Area> areas = planes.stream().map(DiagramSvg::area).toList();
    double width = Math.max(360, areas.stream().mapToDouble(Area::width).max().orElse(0) + 2 * MARGIN);
    double height = areas.stream().mapToDouble(area -> area.height() + CAPTION + MARGIN).sum() + LEGEND + MARGIN;

    Svg svg = new Svg();
    svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "incident-diagram", "width", width,
        "height", height, "viewBox", "0 0 " + Svg.format(width) + " " + Svg.format(height), "font-family",
        "Arial, Helvetica, sans-serif", "font-size", 12, "role", "img", "aria-label", title);
    svg.title(title);
    DiagramShapes.defs(svg);
    svg.empty("rect", "width", width, "height", height, "fill", "#ffffff");
    double y = MARGIN;
    for (int i = 0; i < planes.size(); i++) {
      Area area = areas.get(i);
      svg.open("text", "x", MARGIN, "y", y + 16, "font-size", 14, "font-weight", "bold", "fill", "#343a40")
          .text(caption(planes.get(i).getBpmnElement())).close("text");
      svg.open("g", "class", "plane", "data-element-id", planes.get(i).getBpmnElement().getId(), "transform",
          "translate(" + Svg.format(MARGIN - area.minX()) + "," + Svg.format(y + CAPTION - area.minY()) + ")");
      plane(svg, planes.get(i), byActivity);
      svg.close("g");
      y += area.height() + CAPTION + MARGIN;
    }
    DiagramShapes.legend(svg, MARGIN, y + 6);
    return svg.close("svg").toString();
  }

  private static void plane(Svg svg, BpmnPlane plane, Map<String, List<ActivityRun>> runs) {
    List<BpmnShape> shapes = new ArrayList<>();
    List<BpmnEdge> edges = new ArrayList<>();
    for (DiagramElement element : plane.getDiagramElements()) {
      if (element instanceof BpmnShape shape && shape.getBpmnElement() != null && shape.getBounds() != null) {
        shapes.add(shape);
      } else if (element instanceof BpmnEdge edge && edge.getBpmnElement() != null) {
        edges.add(edge);
      }
    }
    // Frames first (largest under smaller), then the flows, then what sits on them; boundary events on top.
    List<BpmnShape> frames = shapes.stream().filter(DiagramSvg::isFrame)
        .sorted(Comparator.comparingDouble(shape -> -shape.getBounds().getWidth() * shape.getBounds().getHeight()))
        .toList();
    frames.forEach(frame -> DiagramShapes.frame(svg, frame, state(frame, runs), tooltip(frame, runs),
        runs.getOrDefault(frame.getBpmnElement().getId(), List.of()).size()));
    edges.forEach(edge -> DiagramShapes.edge(svg, edge));
    shapes.stream().filter(shape -> !isFrame(shape))
        .sorted(Comparator.comparing(shape -> shape.getBpmnElement() instanceof BoundaryEvent))
        .forEach(shape -> DiagramShapes.node(svg, shape, state(shape, runs), tooltip(shape, runs),
            runs.getOrDefault(shape.getBpmnElement().getId(), List.of()).size()));
  }

  static boolean isFrame(BpmnShape shape) {
    BaseElement element = shape.getBpmnElement();
    return element instanceof Participant || element instanceof Lane
        || (element instanceof SubProcess && shape.isExpanded());
  }

  static State state(BpmnShape shape, Map<String, List<ActivityRun>> runs) {
    List<ActivityRun> mine = runs.getOrDefault(shape.getBpmnElement().getId(), List.of());
    if (mine.isEmpty()) {
      return State.NOT_REACHED;
    }
    if (mine.stream().anyMatch(ActivityRun::running)) {
      return State.RUNNING;
    }
    return mine.stream().allMatch(ActivityRun::cancelled) ? State.CANCELLED : State.COMPLETED;
  }

  /** The element's name, then each run: start, end (or running), who it was assigned to. */
  static String tooltip(BpmnShape shape, Map<String, List<ActivityRun>> runs) {
    BaseElement element = shape.getBpmnElement();
    StringBuilder text = new StringBuilder(DiagramShapes.name(element));
    List<ActivityRun> mine = runs.getOrDefault(element.getId(), List.of());
    if (element instanceof Participant || element instanceof Lane) {
      return text.toString();
    }
    if (mine.isEmpty()) {
      return text.append("\nnot reached").toString();
    }
    if (mine.size() > 1) {
      text.append("\nran ").append(mine.size()).append(" times");
    }
    int from = Math.max(0, mine.size() - MAX_RUNS_LISTED);
    if (from > 0) {
      text.append(" (the last ").append(MAX_RUNS_LISTED).append(')');
    }
    for (int i = from; i < mine.size(); i++) {
      ActivityRun run = mine.get(i);
      text.append('\n').append(mine.size() > 1 ? (i + 1) + ". " : "").append("started ").append(TIME.format(run.start()));
      text.append(run.running() ? ", running" : ", ended " + TIME.format(run.end()) + (run.cancelled() ? " (cancelled)" : ""));
      if (run.assignee() != null) {
        text.append(", assignee ").append(run.assignee());
      }
    }
    return text.toString();
  }

  private static String caption(BaseElement element) {
    String name = DiagramShapes.name(element);
    if (element instanceof SubProcess) {
      return "Inside \u201c" + name + "\u201d";
    }
    return element instanceof Process ? "Process \u201c" + name + "\u201d" : name;
  }

  /** Everything the plane draws: shapes, their labels, the edges' waypoints and labels. */
  private static Area area(BpmnPlane plane) {
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (DiagramElement element : plane.getDiagramElements()) {
      if (element instanceof BpmnShape shape) {
        include(box, shape.getBounds());
        if (shape.getBpmnLabel() != null) {
          include(box, shape.getBpmnLabel().getBounds());
        }
        if (shape.getBpmnElement() instanceof Event && shape.getBounds() != null
            && (shape.getBpmnLabel() == null || shape.getBpmnLabel().getBounds() == null)) {
          Bounds bounds = shape.getBounds(); // the default label below the event
          box[3] = Math.max(box[3], bounds.getY() + bounds.getHeight() + 2 * Svg.LINE_HEIGHT + 6);
        }
      } else if (element instanceof BpmnEdge edge) {
        for (Waypoint point : edge.getWaypoints()) {
          include(box, point.getX(), point.getY(), 0, 0);
        }
        if (edge.getBpmnLabel() != null) {
          include(box, edge.getBpmnLabel().getBounds());
        }
      }
    }
    if (box[0] == Double.MAX_VALUE) {
      return new Area(0, 0, 0, 0);
    }
    // Count badges stand out of their shape's top right corner.
    return new Area(box[0] - 4, box[1] - 12, box[2] + 12, box[3] + 4);
  }

  private static void include(double[] box, Bounds bounds) {
    if (bounds != null) {
      include(box, bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
    }
  }

  private static void include(double[] box, double x, double y, double width, double height) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x + width);
    box[3] = Math.max(box[3], y + height);
  }
}
