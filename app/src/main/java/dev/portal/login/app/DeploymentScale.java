package dev.portal.login.app;

import java.util.Map;

/**
 * How many instances of a verticle one process runs. Only the gateway is spread: its work is
 * per-request CPU on the event loop, and several instances share one listening port.
 *
 * <pre>
 * ENV variable        default                  meaning
 * GATEWAY_INSTANCES   available processors     gateway verticle instances, each on its own event loop
 *                                              (one when HTTP_PORT is 0: a random port cannot be shared)
 * </pre>
 */
record DeploymentScale(int gatewayInstances) {

  DeploymentScale {
    if (gatewayInstances < 1) {
      throw new IllegalArgumentException("GATEWAY_INSTANCES must be at least 1, got " + gatewayInstances);
    }
  }

  static DeploymentScale fromEnv(Map<String, String> env) {
    String value = env.get("GATEWAY_INSTANCES");
    if (value == null || value.isBlank()) {
      return new DeploymentScale(Runtime.getRuntime().availableProcessors());
    }
    try {
      return new DeploymentScale(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("GATEWAY_INSTANCES must be a whole number, got '" + value + "'", e);
    }
  }
}
