package dev.portal.login.docker;

import static dev.portal.login.docker.DeploymentFolder.list;
import static dev.portal.login.docker.DeploymentFolder.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Prometheus scrape config and alert rules")
class PrometheusFilesTest {
  private static final String PROMTOOL_HINT = "apt-get install prometheus";
  private static final String RULES_IN_CONTAINER = "/etc/prometheus/alerts.yml";
  private static final Set<String> REQUIRED_ALERTS = Set.of("CredentialStuffingSuspected", "ThrottledIpsSpike",
      "AccountLockSpike", "PasswordHashQueueSaturated", "OverloadRefusals", "KafkaPublishErrors",
      "ConsumerLagGrowing", "AuditWriterStalled", "NotificationDeliveryFailing", "InstanceDown");
  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  private final Map<String, Object> config = DeploymentFolder.yaml("prometheus/prometheus.yml");
  private final Map<String, Object> compose = DeploymentFolder.yaml("compose.yaml");

  @Test
  @DisplayName("scrapes /metrics on port 8080 of every api container of the compose file")
  void scrapesEveryApiInstance() {
    Map<String, Object> api = list(config.get("scrape_configs")).stream().map(DeploymentFolder::map)
        .filter(job -> "api".equals(job.get("job_name"))).findFirst().orElseThrow();
    assertEquals("/metrics", api.get("metrics_path"));
    Set<Object> targets = new TreeSet<>();
    list(api.get("static_configs")).forEach(group -> targets.addAll(list(map(group).get("targets"))));
    Set<Object> apiContainers = new TreeSet<>();
    map(compose.get("services")).forEach((name, service) -> {
      if (List.of("api").equals(map(service).get("command"))) {
        apiContainers.add(name + ":8080");
      }
    });
    assertEquals(apiContainers, targets);
  }

  @Test
  @DisplayName("scrapes /metrics on the management port 9400 of every consumer container, one job per role named after it")
  void scrapesEveryConsumerOnItsManagementPort() {
    Map<String, Set<Object>> targetsByJob = new java.util.TreeMap<>();
    for (Object job : list(config.get("scrape_configs"))) {
      Set<Object> targets = new TreeSet<>();
      list(map(job).get("static_configs")).forEach(group -> targets.addAll(list(map(group).get("targets"))));
      targetsByJob.put((String) map(job).get("job_name"), targets);
      if (!"prometheus".equals(map(job).get("job_name"))) {
        assertEquals("/metrics", map(job).get("metrics_path"), map(job).get("job_name") + " metrics path");
      }
    }
    Map<String, Set<Object>> consumers = new java.util.TreeMap<>();
    map(compose.get("services")).forEach((name, service) -> {
      Object command = map(service).get("command");
      if (command instanceof List<?> roles && roles.size() == 1 && String.valueOf(roles.get(0)).endsWith("-consumer")) {
        consumers.computeIfAbsent(String.valueOf(roles.get(0)), role -> new TreeSet<>()).add(name + ":9400");
      }
    });
    assertFalse(consumers.isEmpty(), "the compose file runs no consumer container");
    consumers.forEach((role, containers) -> assertEquals(containers, targetsByJob.get(role), "job " + role));
  }

  @Test
  @DisplayName("loads the rule file the compose file mounts")
  void loadsTheMountedRules() {
    assertEquals(List.of(RULES_IN_CONTAINER), config.get("rule_files"));
    List<Object> volumes = list(map(map(compose.get("services")).get("prometheus")).get("volumes"));
    assertTrue(volumes.contains("./prometheus/alerts.yml:" + RULES_IN_CONTAINER + ":ro"), volumes.toString());
  }

  @Test
  @DisplayName("every alert has an expression, a duration, a severity and a summary, and the issue's alerts are all there")
  void everyAlertIsComplete() {
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> rule : rules()) {
      String name = (String) rule.get("alert");
      assertTrue(names.add(name), "duplicate alert " + name);
      assertFalse(String.valueOf(rule.get("expr")).isBlank(), name + " has no expr");
      assertTrue(String.valueOf(rule.get("for")).matches("\\d+[smh]"), name + " has no 'for'");
      assertTrue(SEVERITIES.contains(map(rule.get("labels")).get("severity")), name + " has no known severity");
      assertFalse(String.valueOf(map(rule.get("annotations")).get("summary")).isBlank(), name + " has no summary");
    }
    assertTrue(names.containsAll(REQUIRED_ALERTS), "missing: " + difference(REQUIRED_ALERTS, names));
  }

  @Test
  @DisplayName("every metric an alert reads is exported by the code, by a library, or documented as coming")
  void alertsReadKnownMetrics() {
    Set<String> allowed = MeterCatalog.allowed();
    List<String> unknown = new ArrayList<>();
    for (Map<String, Object> rule : rules()) {
      Set<String> metrics = PromqlNames.metricsIn(String.valueOf(rule.get("expr")));
      assertFalse(metrics.isEmpty(), rule.get("alert") + " names no metric");
      metrics.stream().filter(metric -> !allowed.contains(metric))
          .forEach(metric -> unknown.add(rule.get("alert") + ": " + metric));
    }
    assertEquals(List.of(), unknown);
  }

  @Test
  @DisplayName("the label values the rules match on are the ones the code emits")
  void labelValuesExistInCode() {
    String rules = DeploymentFolder.text("prometheus/alerts.yml");
    String publisher = DeploymentFolder.text(DeploymentFolder.REPOSITORY.resolve(
        "login-verticle/src/main/java/dev/portal/login/identity/EventPublisher.java"));
    String outcomes = DeploymentFolder.text(DeploymentFolder.REPOSITORY.resolve(
        "contracts/src/main/java/dev/portal/login/contracts/Outcomes.java"));
    Matcher result = Pattern.compile("auth_events_published_total\\{result!?=\"([a-z]+)\"").matcher(rules);
    assertTrue(result.find(), "no publish-result matcher in the rules");
    do {
      assertTrue(Pattern.compile("count\\(.*?, \"" + result.group(1) + "\"\\)").matcher(publisher).find(),
          "EventPublisher never emits result=" + result.group(1));
    } while (result.find());
    String deliveryMeters = DeploymentFolder.text(DeploymentFolder.REPOSITORY.resolve(
        "notification-consumer/src/main/java/dev/portal/login/notification/DeliveryMeters.java"));
    Matcher delivery = Pattern.compile("notification_deliveries_total\\{result=~\"([a-z_|]+)\"").matcher(rules);
    assertTrue(delivery.find(), "no delivery-result matcher in the rules");
    do {
      for (String value : delivery.group(1).split("\\|")) {
        assertTrue(deliveryMeters.contains("\"" + value + "\""), "the notification consumer never emits result=" + value);
      }
    } while (delivery.find());
    Matcher outcome = Pattern.compile("outcome!?=\"([a-z_]+)\"").matcher(rules);
    assertTrue(outcome.find(), "no outcome matcher in the rules");
    do {
      assertTrue(outcomes.contains("\"" + outcome.group(1) + "\""), "Outcomes has no " + outcome.group(1));
    } while (outcome.find());
  }

  @Test
  @DisplayName("README lists as 'not exported yet' only metrics the code does not export yet")
  void notExportedYetListIsCurrent() {
    Set<String> documented = MeterCatalog.documentedUnder(MeterCatalog.NOT_EXPORTED_YET_HEADING);
    // the section stays (empty) so the next planned name has its place
    assertTrue(DeploymentFolder.text("README.md").contains("### " + MeterCatalog.NOT_EXPORTED_YET_HEADING),
        "README section '" + MeterCatalog.NOT_EXPORTED_YET_HEADING + "' is missing");
    Set<String> nowExported = new TreeSet<>(documented);
    nowExported.retainAll(MeterCatalog.exportedByCode());
    assertEquals(Set.of(), nowExported, "exported now: move them out of the README's 'not exported yet' list");
  }

  @Test
  @DisplayName("every alert has a unit test in alerts.test.yml where it fires and one where it must stay silent")
  void everyAlertIsUnitTested() {
    Set<String> fires = new TreeSet<>();
    Set<String> staysSilent = new TreeSet<>();
    for (Object test : list(DeploymentFolder.yaml("prometheus/alerts.test.yml").get("tests"))) {
      for (Object check : list(map(test).get("alert_rule_test"))) {
        String name = String.valueOf(map(check).get("alertname"));
        Object expected = map(check).get("exp_alerts");
        (expected == null || list(expected).isEmpty() ? staysSilent : fires).add(name);
      }
    }
    Set<String> names = new TreeSet<>();
    rules().forEach(rule -> names.add((String) rule.get("alert")));
    assertEquals(Set.of(), difference(names, fires), "alerts no unit test sees firing");
    assertEquals(Set.of(), difference(names, staysSilent), "alerts no unit test holds silent");
    assertEquals(Set.of(), difference(union(fires, staysSilent), names), "unit tests of alerts that do not exist");
  }

  @Test
  @DisplayName("promtool accepts the rules and the config, and the rule unit tests pass")
  void promtoolChecks(@TempDir Path work) throws IOException {
    ExternalTool.assumeInstalled("promtool", PROMTOOL_HINT);
    Path rules = DeploymentFolder.file("prometheus/alerts.yml");
    assertSucceeds(ExternalTool.run(DeploymentFolder.ROOT, "promtool", "check", "rules", rules.toString()));

    // the config names the rules by their path in the container; point a copy at this checkout
    Path configCopy = work.resolve("prometheus.yml");
    Files.writeString(configCopy, DeploymentFolder.text("prometheus/prometheus.yml")
        .replace(RULES_IN_CONTAINER, rules.toString()));
    assertSucceeds(ExternalTool.run(work, "promtool", "check", "config", configCopy.toString()));

    assertSucceeds(ExternalTool.run(DeploymentFolder.file("prometheus"), "promtool", "test", "rules",
        "alerts.test.yml"));
  }

  private static void assertSucceeds(ExternalTool.Result result) {
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("SUCCESS"), result.output());
  }

  private List<Map<String, Object>> rules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    Map<String, Object> alerts = DeploymentFolder.yaml("prometheus/alerts.yml");
    List<Object> groups = list(alerts.get("groups"));
    assertFalse(groups.isEmpty(), "no rule groups");
    for (Object group : groups) {
      assertFalse(String.valueOf(map(group).get("name")).isBlank(), "a group has no name");
      list(map(group).get("rules")).forEach(rule -> rules.add(map(rule)));
    }
    return rules;
  }

  private static Set<String> union(Set<String> one, Set<String> other) {
    Set<String> both = new TreeSet<>(one);
    both.addAll(other);
    return both;
  }

  private static Set<String> difference(Set<String> wanted, Set<String> present) {
    Set<String> missing = new TreeSet<>(wanted);
    missing.removeAll(present);
    return missing;
  }
}
