package dev.portal.login.app;

import java.util.Map;

/**
 * How many instances of a verticle one process runs. The gateway and the login verticle are spread
 * over the event loops: their work is per-request CPU (HTTP and tokens; session scripts, token
 * signing and JSON), several gateways share one listening port, and login instances answer the same
 * event-bus addresses in turn while sharing one password-hashing pool.
 *
 * <pre>
 * ENV variable        default                  meaning
 * GATEWAY_INSTANCES   available processors     gateway verticle instances, each on its own event loop
 *                                              (one when HTTP_PORT is 0: a random port cannot be shared)
 * LOGIN_INSTANCES     available processors     login verticle instances, each on its own event loop
 * </pre>
 */
record DeploymentScale(int gatewayInstances, int loginInstances) {

  DeploymentScale {
    atLeastOne("GATEWAY_INSTANCES", gatewayInstances);
    atLeastOne("LOGIN_INSTANCES", loginInstances);
  }

  static DeploymentScale fromEnv(Map<String, String> env) {
    return new DeploymentScale(instances(env, "GATEWAY_INSTANCES"), instances(env, "LOGIN_INSTANCES"));
  }

  private static int instances(Map<String, String> env, String variable) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a whole number, got '" + value + "'", e);
    }
  }

  private static void atLeastOne(String variable, int instances) {
    if (instances < 1) {
      throw new IllegalArgumentException(variable + " must be at least 1, got " + instances);
    }
  }
}
