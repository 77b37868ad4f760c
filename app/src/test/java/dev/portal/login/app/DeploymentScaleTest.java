package dev.portal.login.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("How many gateway and login instances a process runs")
class DeploymentScaleTest {
  @Test
  @DisplayName("one per core unless GATEWAY_INSTANCES or LOGIN_INSTANCES says otherwise")
  void defaultsToCores() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(cores, DeploymentScale.fromEnv(Map.of()).gatewayInstances());
    assertEquals(cores, DeploymentScale.fromEnv(Map.of()).loginInstances());
    assertEquals(3, DeploymentScale.fromEnv(Map.of("GATEWAY_INSTANCES", " 3 ")).gatewayInstances());
    assertEquals(4, DeploymentScale.fromEnv(Map.of("LOGIN_INSTANCES", "4")).loginInstances());
  }

  @Test
  @DisplayName("zero or a word is refused, naming the variable")
  void refusesNonsense() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DeploymentScale.fromEnv(Map.of("GATEWAY_INSTANCES", "0"))).getMessage().contains("GATEWAY_INSTANCES"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DeploymentScale.fromEnv(Map.of("GATEWAY_INSTANCES", "many"))).getMessage().contains("GATEWAY_INSTANCES"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DeploymentScale.fromEnv(Map.of("LOGIN_INSTANCES", "0"))).getMessage().contains("LOGIN_INSTANCES"));
  }
}
