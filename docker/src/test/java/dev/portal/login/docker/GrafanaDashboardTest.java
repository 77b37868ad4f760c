package dev.portal.login.docker;

import static dev.portal.login.docker.DeploymentFolder.list;
import static dev.portal.login.docker.DeploymentFolder.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Grafana dashboard and provisioning")
class GrafanaDashboardTest {
  private static final List<String> ROWS = List.of("api / gateway", "login", "lockout", "audit", "notification");

  private final JsonObject dashboard = new JsonObject(DeploymentFolder.text("grafana/dashboards/login-backend.json"));
  private final Map<String, Object> datasource =
      map(list(DeploymentFolder.yaml("grafana/provisioning/datasources/prometheus.yaml").get("datasources")).get(0));

  @Test
  @DisplayName("has one row per role, in order")
  void oneRowPerRole() {
    List<String> rows = panels().stream().filter(panel -> "row".equals(panel.getString("type")))
        .map(panel -> panel.getString("title")).toList();
    assertEquals(ROWS, rows);
    assertFalse(dashboard.getString("uid", "").isBlank(), "a provisioned dashboard needs a stable uid");
  }

  @Test
  @DisplayName("every panel queries the provisioned Prometheus datasource with an expression")
  void everyPanelQueriesTheProvisionedDatasource() {
    Set<Integer> ids = new HashSet<>();
    for (JsonObject panel : panels()) {
      assertTrue(ids.add(panel.getInteger("id")), "duplicate panel id " + panel.getInteger("id"));
      assertTrue(panel.containsKey("gridPos"), panel.getString("title") + " has no position");
      if ("row".equals(panel.getString("type"))) {
        continue;
      }
      JsonArray targets = panel.getJsonArray("targets", new JsonArray());
      assertFalse(targets.isEmpty(), panel.getString("title") + " has no query");
      assertEquals(datasource.get("uid"), panel.getJsonObject("datasource").getString("uid"), panel.getString("title"));
      for (int i = 0; i < targets.size(); i++) {
        JsonObject target = targets.getJsonObject(i);
        assertFalse(target.getString("expr", "").isBlank(), panel.getString("title") + " has an empty query");
        assertEquals(datasource.get("uid"), target.getJsonObject("datasource").getString("uid"));
      }
    }
  }

  @Test
  @DisplayName("every panel's query names metrics that the code exports, a library exports, or the README announces")
  void everyQueryNamesKnownMetrics() {
    Set<String> allowed = MeterCatalog.allowed();
    List<String> problems = new ArrayList<>();
    for (JsonObject panel : panels()) {
      JsonArray targets = panel.getJsonArray("targets", new JsonArray());
      for (int i = 0; i < targets.size(); i++) {
        String expr = targets.getJsonObject(i).getString("expr");
        Set<String> metrics = PromqlNames.metricsIn(expr);
        if (metrics.isEmpty()) {
          problems.add(panel.getString("title") + ": names no metric: " + expr);
        }
        metrics.stream().filter(metric -> !allowed.contains(metric))
            .forEach(metric -> problems.add(panel.getString("title") + ": unknown metric " + metric));
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  @DisplayName("provisioning points Grafana at the compose Prometheus and at the mounted dashboard folder")
  void provisioningMatchesCompose() {
    assertEquals("prometheus", datasource.get("type"));
    assertEquals("http://prometheus:9090", datasource.get("url"));
    Map<String, Object> compose = DeploymentFolder.yaml("compose.yaml");
    assertTrue(map(compose.get("services")).containsKey("prometheus"));
    Map<String, Object> provider =
        map(list(DeploymentFolder.yaml("grafana/provisioning/dashboards/login-backend.yaml").get("providers")).get(0));
    String path = (String) map(provider.get("options")).get("path");
    List<Object> volumes = list(map(map(compose.get("services")).get("grafana")).get("volumes"));
    assertTrue(volumes.contains("./grafana/dashboards:" + path + ":ro"), volumes.toString());
    assertTrue(volumes.contains("./grafana/provisioning:/etc/grafana/provisioning:ro"), volumes.toString());
  }

  private List<JsonObject> panels() {
    List<JsonObject> panels = new ArrayList<>();
    JsonArray array = dashboard.getJsonArray("panels");
    for (int i = 0; i < array.size(); i++) {
      panels.add(array.getJsonObject(i));
    }
    return panels;
  }
}
