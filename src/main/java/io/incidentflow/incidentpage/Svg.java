package io.incidentflow.incidentpage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes SVG markup as a string: every text and attribute value is escaped here, so names from a deployed model
 * (which process owners write) can never open an element or a script.
 */
final class Svg {

  /** Average width of a character at 12px Arial, to wrap names into their shapes without measuring fonts. */
  static final double CHAR_WIDTH = 6.3;
  static final int LINE_HEIGHT = 14;

  private final StringBuilder out = new StringBuilder(64 * 1024);

  /** Opens an element; attributes come in name, value pairs; null values are left out. */
  Svg open(String tag, Object... attributes) {
    out.append('<').append(tag);
    attributes(attributes);
    out.append('>');
    return this;
  }

  Svg empty(String tag, Object... attributes) {
    out.append('<').append(tag);
    attributes(attributes);
    out.append("/>");
    return this;
  }

  Svg close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  Svg text(String text) {
    out.append(escape(text));
    return this;
  }

  /** A tooltip: the first child of the element it describes. */
  Svg title(String text) {
    return open("title").text(text).close("title");
  }

  /** Centred lines of text, the first baseline at y. */
  Svg lines(double centreX, double y, List<String> lines, Object... attributes) {
    for (int i = 0; i < lines.size(); i++) {
      Object[] all = new Object[attributes.length + 6];
      all[0] = "x";
      all[1] = centreX;
      all[2] = "y";
      all[3] = y + i * LINE_HEIGHT;
      all[4] = "text-anchor";
      all[5] = "middle";
      System.arraycopy(attributes, 0, all, 6, attributes.length);
      open("text", all).text(lines.get(i)).close("text");
    }
    return this;
  }

  private void attributes(Object[] attributes) {
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(escape(format(value))).append('"');
      }
    }
  }

  static String format(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return number == Math.rint(number) ? Long.toString((long) number) : String.format(Locale.ROOT, "%.1f", number);
    }
    return value.toString();
  }

  /** XML escaping for text and attribute values; control characters XML cannot hold become spaces. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return escaped.toString();
  }

  /**
   * Splits a name into lines of at most width pixels (at 12px), breaking between words; a word a little longer than
   * a line overflows it, as in Modeler, one much longer is cut.
   */
  static List<String> wrap(String text, double width, int maxLines) {
    List<String> lines = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return lines;
    }
    int perLine = Math.max(4, (int) (width / CHAR_WIDTH));
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      while (word.length() > perLine + 3) {
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, perLine));
        word = word.substring(perLine);
      }
      if (!line.isEmpty() && line.length() + 1 + word.length() > perLine) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    if (lines.size() > maxLines) {
      List<String> cut = new ArrayList<>(lines.subList(0, maxLines));
      String last = cut.get(maxLines - 1);
      cut.set(maxLines - 1, (last.length() >= perLine ? last.substring(0, perLine - 1) : last) + "…");
      return cut;
    }
    return lines;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
