package dev.portal.login.gateway;

import java.time.Duration;
import java.util.Map;

/**
 * Where a consumer-only process answers health and metrics requests.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>MANAGEMENT_HOST</td><td>HTTP_HOST, else the launcher's default</td><td>interface of the management
 *       server</td></tr>
 *   <tr><td>MANAGEMENT_PORT</td><td>9400</td><td>its port (0 picks a free one); only processes without the api
 *       role open it, the api role serves the same paths on its HTTP port</td></tr>
 *   <tr><td>HEALTH_TIMEOUT_MS</td><td>1500</td><td>how long /health/ready waits for each component</td></tr>
 * </table>
 */
public record ManagementConfig(String host, int port, Duration healthTimeout) {
  static final int DEFAULT_PORT = 9400;

  public static ManagementConfig fromEnv(Map<String, String> env, String defaultHost) {
    GatewayConfig http = GatewayConfig.fromEnv(env, defaultHost);
    String host = env.get("MANAGEMENT_HOST");
    String port = env.get("MANAGEMENT_PORT");
    int parsedPort;
    try {
      parsedPort = port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("MANAGEMENT_PORT must be a port number, was '" + port + "'");
    }
    if (parsedPort < 0 || parsedPort > 65535) {
      throw new IllegalArgumentException("MANAGEMENT_PORT must be between 0 and 65535, got " + parsedPort);
    }
    return new ManagementConfig(host == null || host.isBlank() ? http.host() : host.trim(), parsedPort,
        http.healthTimeout());
  }
}
