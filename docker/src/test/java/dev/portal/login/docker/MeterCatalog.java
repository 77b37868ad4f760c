package dev.portal.login.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Prometheus series names the dashboard and the alert rules may use: the meters registered in
 * the modules' main sources (found by scanning them), plus the names docker/README.md documents as
 * library metrics or as expected from later issues.
 */
final class MeterCatalog {
  static final String NOT_EXPORTED_YET_HEADING = "Metrics these rules expect that are not exported yet";
  static final String LIBRARY_METRICS_HEADING = "Library metrics the dashboard uses";

  /** registry.counter("a.b", ...), registry.timer(...), registry.gauge(...), registry.summary(...). */
  private static final Pattern REGISTRY_CALL =
      Pattern.compile("\\.(counter|timer|gauge|summary)\\(\\s*\"([a-z0-9_.]+)\"");
  /** Counter.builder("a.b") or Counter.builder(CONSTANT). */
  private static final Pattern BUILDER_CALL = Pattern.compile(
      "\\b(Counter|Timer|Gauge|DistributionSummary|FunctionCounter|FunctionTimer|LongTaskTimer)\\.builder\\(\\s*"
          + "(?:\"([a-z0-9_.]+)\"|([A-Z][A-Z0-9_]*))\\s*[,)]");
  /** Counter.builder(prefix + ".suffix"): a class that registers meters under a prefix its caller chooses. */
  private static final Pattern PREFIXED_BUILDER_CALL = Pattern.compile(
      "\\b(Counter|Timer|Gauge|DistributionSummary|FunctionCounter|FunctionTimer|LongTaskTimer)\\.builder\\(\\s*"
          + "[a-z][A-Za-z0-9]*\\s*\\+\\s*\"([a-z0-9_.]+)\"\\s*[,)]");
  private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:class|record|enum)\\s+([A-Z][A-Za-z0-9]*)");
  private static final Pattern STRING_CONSTANT =
      Pattern.compile("static\\s+final\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern BACKTICKED_BULLET = Pattern.compile("^\\s*[-*]\\s+`([a-zA-Z_:][a-zA-Z0-9_:]*)");

  private MeterCatalog() {
  }

  /** Every series name the code exports, e.g. auth_login_attempts_total, auth_password_hash_duration_seconds_sum. */
  static Set<String> exportedByCode() {
    Set<String> names = new TreeSet<>();
    Set<Path> sources = mainSources();
    List<String> codes = sources.stream().map(DeploymentFolder::text).toList();
    for (String code : codes) {
      names.addAll(prefixedMeters(code, codes));
      Map<String, String> constants = constants(code);
      Matcher call = REGISTRY_CALL.matcher(code);
      while (call.find()) {
        names.addAll(seriesNames(call.group(1), call.group(2)));
      }
      Matcher builder = BUILDER_CALL.matcher(code);
      while (builder.find()) {
        String name = builder.group(2) != null ? builder.group(2) : constants.get(builder.group(3));
        if (name != null) {
          names.addAll(seriesNames(builder.group(1), name));
        }
      }
    }
    return names;
  }

  /**
   * Meters named {@code prefix + ".suffix"}: the prefixes are the last string argument of the calls
   * {@code DeclaringClass.method(..., "prefix")} anywhere in the sources.
   */
  private static Set<String> prefixedMeters(String code, List<String> codes) {
    Matcher builder = PREFIXED_BUILDER_CALL.matcher(code);
    Matcher declared = CLASS_NAME.matcher(code);
    if (!builder.find() || !declared.find()) {
      return Set.of();
    }
    Pattern call = Pattern.compile("\\b" + declared.group(1) + "\\.\\w+\\([^;]*?\"([a-z0-9_.]+)\"\\s*\\)");
    Set<String> prefixes = new TreeSet<>();
    for (String other : codes) {
      Matcher caller = call.matcher(other);
      while (caller.find()) {
        prefixes.add(caller.group(1));
      }
    }
    Set<String> names = new TreeSet<>();
    do {
      for (String prefix : prefixes) {
        names.addAll(seriesNames(builder.group(1), prefix + builder.group(2)));
      }
    } while (builder.find());
    return names;
  }

  /** The series documented under a README heading as bullets starting with a backticked name. */
  static Set<String> documentedUnder(String heading) {
    Set<String> names = new TreeSet<>();
    boolean inSection = false;
    for (String line : DeploymentFolder.text("README.md").split("\n")) {
      if (line.startsWith("#")) {
        inSection = line.replaceFirst("^#+\\s*", "").strip().equalsIgnoreCase(heading);
        continue;
      }
      Matcher bullet = BACKTICKED_BULLET.matcher(line);
      if (inSection && bullet.find()) {
        names.add(bullet.group(1));
      }
    }
    return names;
  }

  /** What a dashboard panel or an alert rule may name. */
  static Set<String> allowed() {
    Set<String> names = new TreeSet<>(exportedByCode());
    names.addAll(documentedUnder(NOT_EXPORTED_YET_HEADING));
    names.addAll(documentedUnder(LIBRARY_METRICS_HEADING));
    return names;
  }

  /** Micrometer's Prometheus naming: dots become underscores, counters get _total, timers _seconds. */
  static Set<String> seriesNames(String meterKind, String meterName) {
    String base = meterName.replace('.', '_');
    return switch (meterKind.toLowerCase()) {
      case "counter", "functioncounter" -> Set.of(base + "_total");
      case "timer", "functiontimer", "longtasktimer" -> Set.of(base + "_seconds_count", base + "_seconds_sum",
          base + "_seconds_max", base + "_seconds_bucket");
      case "summary", "distributionsummary" -> Set.of(base + "_count", base + "_sum", base + "_max", base + "_bucket");
      default -> Set.of(base);
    };
  }

  private static Map<String, String> constants(String code) {
    Matcher constant = STRING_CONSTANT.matcher(code);
    Map<String, String> values = new java.util.HashMap<>();
    while (constant.find()) {
      values.put(constant.group(1), constant.group(2));
    }
    return values;
  }

  /** ../*&#47;src/main/java/**&#47;*.java, this module excluded. */
  private static Set<Path> mainSources() {
    try (Stream<Path> modules = Files.list(DeploymentFolder.REPOSITORY)) {
      Set<Path> sources = new TreeSet<>();
      for (Path module : modules.filter(path -> !path.equals(DeploymentFolder.ROOT)).toList()) {
        Path main = module.resolve("src/main/java");
        if (Files.isDirectory(main)) {
          try (Stream<Path> files = Files.walk(main)) {
            sources.addAll(files.filter(path -> path.toString().endsWith(".java")).collect(Collectors.toSet()));
          }
        }
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
