package dev.portal.login.docker;

import static dev.portal.login.docker.DeploymentFolder.list;
import static dev.portal.login.docker.DeploymentFolder.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("compose.yaml")
class ComposeFileTest {
  private static final Set<String> EXPECTED_SERVICES = Set.of("kafka", "postgres", "redis", "api-1", "api-2",
      "lockout-consumer", "audit-consumer", "notification-consumer", "nginx", "prometheus", "grafana", "mailpit");
  private static final Set<String> APP_ENVIRONMENT = Set.of("KAFKA_BOOTSTRAP_SERVERS", "PG_HOST", "PG_PORT",
      "PG_DATABASE", "PG_USER", "PG_PASSWORD", "REDIS_URL", "KEY_ENCRYPTION_KEY", "TOPIC_PARTITIONS",
      "KAFKA_REPLICATION_FACTOR");
  private static final Set<String> API_ENVIRONMENT = Set.of("HTTP_HOST", "HTTP_PORT", "BOOTSTRAP_ADMIN_USERNAME",
      "BOOTSTRAP_ADMIN_PASSWORD", "TOKEN_ISSUER", "TOKEN_AUDIENCE", "NOTIFICATION_KEY", "PUBLIC_BASE_URL");
  private static final Set<String> NOTIFICATION_ENVIRONMENT = Set.of("NOTIFICATION_KEY", "SMTP_HOST", "SMTP_PORT",
      "SMTP_TLS", "SMS_WEBHOOK_URL");
  private static final Set<String> RESTARTING = Set.of("always", "unless-stopped", "on-failure");
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(PASSWORD|SECRET|ENCRYPTION_KEY|NOTIFICATION_KEY|PRIVATE_KEY|API_KEY|CREDENTIAL|AUTH_HEADER).*");
  /** A whole value that is one required or plain reference: ${NAME} or ${NAME:?message}. */
  private static final Pattern PURE_REFERENCE = Pattern.compile("\\$\\{[A-Z0-9_]+(:\\?[^}]*)?}");
  /** ${NAME...} not escaped as $${...} (which the container's shell expands, not compose). */
  private static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)");
  private static final Pattern URL_USERINFO = Pattern.compile("^[a-z]+://([^@/]*)@");

  private final Map<String, Object> compose = DeploymentFolder.yaml("compose.yaml");
  private final Map<String, Object> services = map(compose.get("services"));

  @Test
  @DisplayName("runs the infrastructure, two api instances, one of each consumer, the balancer and the monitoring")
  void hasEveryService() {
    assertEquals(EXPECTED_SERVICES, services.keySet());
    assertEquals("apache/kafka:4.1.1", service("kafka").get("image"));
    assertTrue(((String) service("postgres").get("image")).startsWith("postgres:16"));
    assertTrue(((String) service("redis").get("image")).startsWith("redis:7"));
    assertTrue(((String) service("mailpit").get("image")).startsWith("axllent/mailpit"));
    assertEquals("broker,controller", environment("kafka").get("KAFKA_PROCESS_ROLES"), "Kafka runs in KRaft mode");
  }

  @Test
  @DisplayName("every app container runs the one image with its role as the command")
  void appContainersRunTheirRole() {
    Map<String, String> roles = Map.of("api-1", "api", "api-2", "api", "lockout-consumer", "lockout-consumer",
        "audit-consumer", "audit-consumer", "notification-consumer", "notification-consumer");
    Set<Object> images = new TreeSet<>();
    roles.forEach((name, role) -> {
      assertEquals(List.of(role), service(name).get("command"), name);
      images.add(service(name).get("image"));
      assertEquals("docker/Dockerfile", map(service(name).get("build")).get("dockerfile"), name);
      assertTrue(environment(name).keySet().containsAll(APP_ENVIRONMENT), name + " lacks part of " + APP_ENVIRONMENT);
    });
    assertEquals(1, images.size(), "one image for every role: " + images);
    for (String api : List.of("api-1", "api-2")) {
      assertTrue(environment(api).keySet().containsAll(API_ENVIRONMENT), api + " lacks part of " + API_ENVIRONMENT);
      assertEquals("0.0.0.0", environment(api).get("HTTP_HOST"), "behind the balancer the api listens everywhere");
    }
    assertTrue(((String) environment("api-1").get("REDIS_URL")).matches("redis://.*@redis:6379"));
    assertTrue(environment("notification-consumer").keySet().containsAll(NOTIFICATION_ENVIRONMENT),
        "notification-consumer lacks part of " + NOTIFICATION_ENVIRONMENT);
    assertEquals(environment("api-1").get("NOTIFICATION_KEY"), environment("notification-consumer").get("NOTIFICATION_KEY"),
        "the sealing and the opening side read the same key");
    assertEquals("mailpit", environment("notification-consumer").get("SMTP_HOST"));
  }

  @Test
  @DisplayName("every long-running service has a health check, a restart policy and resource limits")
  void everyServiceIsSupervised() {
    services.forEach((name, definition) -> {
      Map<String, Object> service = map(definition);
      boolean oneShot = "no".equals(String.valueOf(service.get("restart")));
      if (!oneShot) {
        assertTrue(RESTARTING.contains(String.valueOf(service.get("restart"))), name + " has no restart policy");
        List<Object> test = list(map(service.get("healthcheck")).get("test"));
        assertFalse(test.isEmpty(), name + " has no health check");
        assertNotEquals("NONE", test.get(0), name + " disables its health check");
      }
      Map<String, Object> limits = map(map(map(service.get("deploy")).get("resources")).get("limits"));
      assertTrue(limits.containsKey("cpus") && limits.containsKey("memory"), name + " has no cpu and memory limits");
    });
  }

  @Test
  @DisplayName("every app process is probed and scraped on the port it serves: api on HTTP_PORT, consumers on MANAGEMENT_PORT")
  void everyRoleIsProbedAndScraped() {
    Map<String, Object> prometheus = DeploymentFolder.yaml("prometheus/prometheus.yml");
    Set<String> targets = new TreeSet<>();
    for (Object job : list(prometheus.get("scrape_configs"))) {
      for (Object config : list(map(job).get("static_configs"))) {
        list(map(config).get("targets")).forEach(target -> targets.add(String.valueOf(target)));
      }
    }
    for (String app : List.of("api-1", "api-2", "lockout-consumer", "audit-consumer", "notification-consumer")) {
      boolean api = app.startsWith("api");
      String port = String.valueOf(environment(app).get(api ? "HTTP_PORT" : "MANAGEMENT_PORT"));
      assertTrue(port.matches("\\d+"), app + " serves no fixed port: " + port);
      assertTrue(targets.contains(app + ":" + port), app + ":" + port + " is not scraped; targets " + targets);
      if (!api) {
        assertEquals("0.0.0.0", environment(app).get("MANAGEMENT_HOST"), app + " must listen beyond loopback");
        String check = String.join(" ", list(map(service(app).get("healthcheck")).get("test")).stream()
            .map(String::valueOf).toList());
        assertTrue(check.contains("/dev/tcp/127.0.0.1/" + port) && check.contains("/health/ready"),
            app + " is not probed on its management port: " + check);
      }
    }
  }

  @Test
  @DisplayName("every dependency waits for the other service to be healthy, and exists")
  void dependenciesWaitForHealth() {
    services.forEach((name, definition) -> map(map(definition).get("depends_on")).forEach((dependency, how) -> {
      assertTrue(services.containsKey(dependency), name + " depends on unknown " + dependency);
      Map<String, Object> dependencyService = service(dependency);
      String expected = "no".equals(String.valueOf(dependencyService.get("restart")))
          ? "service_completed_successfully" : "service_healthy";
      assertEquals(expected, map(how).get("condition"), name + " -> " + dependency);
    }));
    for (String app : List.of("api-1", "api-2", "lockout-consumer", "audit-consumer", "notification-consumer")) {
      assertTrue(map(service(app).get("depends_on")).keySet().containsAll(Set.of("kafka", "postgres", "redis")), app);
    }
  }

  @Test
  @DisplayName("no secret is written in the file: secrets are required references to docker/.env")
  void noInlineSecrets() {
    List<String> offences = new ArrayList<>();
    services.forEach((name, definition) -> environment(name).forEach((key, value) -> {
      String text = String.valueOf(value);
      if (SECRET_NAME.matcher(key).matches() && !PURE_REFERENCE.matcher(text).matches()) {
        offences.add(name + ": " + key + " is not a ${VAR} or ${VAR:?...} reference");
      }
      Matcher userinfo = URL_USERINFO.matcher(text);
      if (userinfo.find() && !PURE_REFERENCE.matcher(userinfo.group(1).replaceFirst("^[^:]*:", "")).matches()) {
        offences.add(name + ": " + key + " carries a password that is not a reference");
      }
    }));
    assertEquals(List.of(), offences);
  }

  @Test
  @DisplayName("every variable the file uses is listed in .env.example, and every listed one is used")
  void variablesMatchTheExample() {
    Set<String> used = new TreeSet<>();
    collectReferences(compose, used);
    Set<String> listed = DeploymentFolder.envFile(".env.example").keySet();
    assertEquals(new TreeSet<>(listed), used);
  }

  @Test
  @DisplayName(".env.example holds no secret value, and .env is kept out of git and out of the image build")
  void exampleHoldsNoSecrets() {
    DeploymentFolder.envFile(".env.example").forEach((key, value) -> {
      if (SECRET_NAME.matcher(key).matches()) {
        assertEquals("", value, key + " must be empty in the example");
      }
    });
    assertTrue(DeploymentFolder.text(".gitignore").lines().anyMatch(".env"::equals));
    assertTrue(DeploymentFolder.text("Dockerfile.dockerignore").lines().anyMatch("docker/.env"::equals));
  }

  @Test
  @DisplayName("every file mounted from this folder exists")
  void mountedFilesExist() {
    services.forEach((name, definition) -> list(map(definition).get("volumes")).forEach(volume -> {
      String source = String.valueOf(volume).split(":")[0];
      if (source.startsWith(".")) {
        assertTrue(Files.exists(DeploymentFolder.file(source)), name + " mounts missing " + source);
      }
    }));
  }

  @Test
  @DisplayName("only the balancer listens beyond the host; the admin interfaces bind to 127.0.0.1")
  void adminInterfacesStayLocal() {
    services.forEach((name, definition) -> list(map(definition).get("ports")).forEach(port -> {
      if (!"nginx".equals(name)) {
        assertTrue(String.valueOf(port).startsWith("127.0.0.1:"), name + " publishes " + port);
      }
    }));
    assertTrue(list(service("nginx").get("ports")).stream().anyMatch(port -> String.valueOf(port).endsWith(":8080")));
  }

  @Test
  @DisplayName("docker-compose accepts the file with the example filled in, and refuses it with a secret missing")
  void dockerComposeValidates(@TempDir Path work) throws IOException {
    ExternalTool.assumeInstalled("docker-compose", "apt-get install docker-compose");
    // docker-compose v1 predates the top-level "name"; everything else is checked as written
    String withoutName = DeploymentFolder.text("compose.yaml").replaceFirst("(?m)^name:.*\\n", "");
    Files.writeString(work.resolve("compose.yaml"), withoutName);
    for (String folder : List.of("nginx", "prometheus", "grafana")) {
      copyTree(DeploymentFolder.file(folder), work.resolve(folder));
    }
    String filled = DeploymentFolder.envFile(".env.example").entrySet().stream()
        .map(entry -> entry.getKey() + "=" + (entry.getValue().isEmpty() ? "placeholder" : entry.getValue()))
        .collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(work.resolve("filled.env"), filled);
    ExternalTool.Result accepted = ExternalTool.run(work, "docker-compose", "--env-file", "filled.env",
        "-f", "compose.yaml", "config", "-q");
    assertEquals(0, accepted.exitCode(), accepted.output());

    Files.writeString(work.resolve("missing.env"), filled.replace("PG_PASSWORD=placeholder", "PG_PASSWORD="));
    ExternalTool.Result refused = ExternalTool.run(work, "docker-compose", "--env-file", "missing.env",
        "-f", "compose.yaml", "config", "-q");
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.output().contains("set PG_PASSWORD in docker/.env"), refused.output());
  }

  private Map<String, Object> service(String name) {
    return map(services.get(name));
  }

  private Map<String, Object> environment(String name) {
    return map(service(name).get("environment"));
  }

  private static void collectReferences(Object node, Set<String> into) {
    if (node instanceof Map<?, ?> mapping) {
      mapping.forEach((key, value) -> {
        collectReferences(key, into);
        collectReferences(value, into);
      });
    } else if (node instanceof List<?> sequence) {
      sequence.forEach(item -> collectReferences(item, into));
    } else if (node instanceof String text) {
      Matcher reference = REFERENCE.matcher(text);
      while (reference.find()) {
        into.add(reference.group(1));
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
