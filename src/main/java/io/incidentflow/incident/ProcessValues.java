package io.incidentflow.incident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Reads process variables the way the forms write them: Tasklist's Camunda Forms send a checklist as a
 * JSON array and a checkbox as a boolean; the API may send plain Java values.
 */
public final class ProcessValues {

  private ProcessValues() {}

  public static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  public static String requiredString(VariableScope scope, String name) {
    String value = string(scope, name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("Process variable '" + name + "' is missing");
    }
    return value;
  }

  public static boolean flag(VariableScope scope, String name) {
    return flag(scope.getVariable(name));
  }

  /** A checkbox's value: a boolean, or its text. */
  public static boolean flag(Object value) {
    return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
  }

  /** A list of strings from a JSON array, a Java collection or a comma-separated string. */
  public static List<String> strings(VariableScope scope, String name) {
    return strings(scope.getVariable(name));
  }

  /** A list of strings from a variable's value: a JSON array, a Java collection or a comma-separated string. */
  public static List<String> strings(Object value) {
    List<String> result = new ArrayList<>();
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(element -> result.add(element.isString() ? element.stringValue() : element.toString()));
    } else if (value instanceof Collection<?> collection) {
      collection.forEach(element -> result.add(String.valueOf(element)));
    } else if (value != null) {
      for (String part : value.toString().split(",")) {
        if (!part.isBlank()) {
          result.add(part.strip());
        }
      }
    }
    return result;
  }

  /** A list as a JSON variable: what a Camunda Forms checklist reads and writes. */
  public static TypedValue jsonList(List<String> values) {
    SpinJsonNode array = Spin.JSON("[]");
    values.forEach(array::append);
    return SpinValues.jsonValue(array).create();
  }
}
