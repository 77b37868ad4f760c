package dev.portal.login.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds NUL and other C0 control characters anywhere in a JSON document: such characters have no
 * place in names, identifiers or passwords, and truncate or corrupt them in C-based storage and logs.
 */
final class ControlCharacterFinder {

  private ControlCharacterFinder() {
  }

  /** The paths of offending members, e.g. {@code password}, {@code address.city}, {@code tags[2]}. */
  static List<String> find(JsonObject document) {
    List<String> paths = new ArrayList<>();
    visitObject(document, "", paths);
    return paths;
  }

  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < 0x20) {
        return true;
      }
    }
    return false;
  }

  private static void visitObject(JsonObject object, String prefix, List<String> paths) {
    for (Map.Entry<String, Object> member : object) {
      String path = prefix.isEmpty() ? member.getKey() : prefix + "." + member.getKey();
      if (hasControlCharacter(member.getKey())) {
        paths.add(path);
      } else {
        visitValue(member.getValue(), path, paths);
      }
    }
  }

  private static void visitValue(Object value, String path, List<String> paths) {
    if (value instanceof String text && hasControlCharacter(text)) {
      paths.add(path);
    } else if (value instanceof JsonObject nested) {
      visitObject(nested, path, paths);
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        visitValue(array.getValue(i), path + "[" + i + "]", paths);
      }
    }
  }
}
