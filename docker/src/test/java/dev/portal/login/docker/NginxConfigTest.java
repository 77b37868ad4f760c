package dev.portal.login.docker;

import static dev.portal.login.docker.DeploymentFolder.list;
import static dev.portal.login.docker.DeploymentFolder.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("nginx load balancer config")
class NginxConfigTest {
  private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^\\s*server\\s+([a-z0-9-]+):(\\d+)\\b");
  private static final Pattern VERSION = Pattern.compile("nginx/(\\d+)\\.(\\d+)\\.(\\d+)");

  private final String config = DeploymentFolder.text("nginx/nginx.conf");
  private final Map<String, Object> services = map(DeploymentFolder.yaml("compose.yaml").get("services"));

  @Test
  @DisplayName("balances round robin over exactly the api containers of the compose file")
  void upstreamIsTheApiContainers() {
    Set<String> servers = new TreeSet<>();
    Matcher server = UPSTREAM_SERVER.matcher(config);
    while (server.find()) {
      servers.add(server.group(1) + ":" + server.group(2));
    }
    Set<String> apiContainers = new TreeSet<>();
    services.forEach((name, service) -> {
      if (List.of("api").equals(map(service).get("command"))) {
        apiContainers.add(name + ":8080");
      }
    });
    assertEquals(apiContainers, servers);
    assertTrue(!config.contains("least_conn") && !config.contains("ip_hash") && !config.contains("hash "),
        "round robin is the default; no other balancing method");
  }

  @Test
  @DisplayName("passes the client address and a request id, and keeps /metrics private")
  void forwardsClientAddressAndRequestId() {
    assertTrue(config.contains("proxy_set_header X-Forwarded-For $remote_addr;"));
    assertTrue(config.contains("proxy_set_header X-Request-Id $request_id_out;"));
    assertTrue(config.contains("location = /metrics"));
  }

  @Test
  @DisplayName("listens where compose publishes it and serves the path its health check asks for")
  void matchesCompose() {
    Map<String, Object> nginx = map(services.get("nginx"));
    assertTrue(list(nginx.get("ports")).stream().anyMatch(port -> String.valueOf(port).endsWith(":8080")));
    assertTrue(config.contains("listen 8080;"));
    String check = String.join(" ", list(map(nginx.get("healthcheck")).get("test")).stream().map(String::valueOf).toList());
    assertTrue(check.contains("http://127.0.0.1:8081/nginx-health"), check);
    assertTrue(config.contains("listen 127.0.0.1:8081;") && config.contains("location = /nginx-health"));
  }

  @Test
  @DisplayName("nginx -t accepts the config, with the container names pointed at 127.0.0.1")
  void nginxAcceptsTheConfig(@TempDir Path work) throws IOException {
    ExternalTool.assumeInstalled("nginx", "apt-get install nginx-light");
    String local = config.replaceAll("server\\s+api-\\d+:8080", "server 127.0.0.1:8080");
    String version = ExternalTool.run(work, "nginx", "-v").output();
    if (!supportsUpstreamResolve(version)) {
      // the 'resolve' server parameter came to open-source nginx in 1.27.3; the image runs 1.28
      System.out.println("nginx -t on " + version.strip() + ": checking without the 'resolve' parameter");
      local = local.replace(" resolve ", " ");
    }
    Path copy = work.resolve("nginx.conf");
    Files.writeString(copy, local);
    ExternalTool.Result result = ExternalTool.run(work, "nginx", "-t", "-p", work.toString(), "-c", copy.toString());
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("syntax is ok"), result.output());
  }

  private static boolean supportsUpstreamResolve(String versionOutput) {
    Matcher version = VERSION.matcher(versionOutput);
    if (!version.find()) {
      return false;
    }
    int major = Integer.parseInt(version.group(1));
    int minor = Integer.parseInt(version.group(2));
    int patch = Integer.parseInt(version.group(3));
    return major > 1 || minor > 27 || (minor == 27 && patch >= 3);
  }
}
