package dev.portal.login.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the files of the docker/ folder (the module's own directory) and the repository beside it. */
final class DeploymentFolder {
  /** Surefire runs in the module directory and also says so in {@code basedir}. */
  static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  static final Path REPOSITORY = ROOT.getParent();

  private DeploymentFolder() {
  }

  static Path file(String relative) {
    return ROOT.resolve(relative);
  }

  static String text(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String relative) {
    return text(file(relative));
  }

  /** A YAML document as maps and lists; anchors and merge keys ({@code <<}) resolved as compose does. */
  static Map<String, Object> yaml(String relative) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    return yaml.load(text(relative));
  }

  /** KEY=value lines of an env file, in order; comments and blank lines skipped. */
  static Map<String, String> envFile(String relative) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text(relative).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }
}
