package dev.portal.login.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Dockerfile")
class DockerfileTest {
  private final List<String> instructions = DeploymentFolder.text("Dockerfile").lines()
      .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

  @Test
  @DisplayName("builds in a JDK stage and runs on a JRE as uid 10001")
  void multiStageNonRoot() {
    List<String> froms = instructions.stream().filter(line -> line.startsWith("FROM ")).toList();
    assertEquals(2, froms.size(), froms.toString());
    assertTrue(froms.get(0).startsWith("FROM eclipse-temurin:") && froms.get(0).contains("-jdk")
        && froms.get(0).endsWith(" AS build"), froms.get(0));
    assertTrue(froms.get(1).startsWith("FROM eclipse-temurin:") && froms.get(1).contains("-jre"), froms.get(1));
    List<String> runtime = instructions.subList(instructions.indexOf(froms.get(1)), instructions.size());
    assertTrue(runtime.contains("USER 10001"), "the runtime stage must switch to uid 10001");
    assertTrue(runtime.stream().anyMatch(line -> line.contains("useradd") && line.contains("--uid 10001")));
  }

  @Test
  @DisplayName("copies the jar the app module's shade plugin names, built with the Maven wrapper")
  void copiesTheShadedJar() {
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>")
        .matcher(DeploymentFolder.text(DeploymentFolder.REPOSITORY.resolve("app/pom.xml")));
    assertTrue(finalName.find(), "app/pom.xml names no shaded jar");
    String jar = "/src/app/target/" + finalName.group(1) + ".jar";
    assertTrue(instructions.stream().anyMatch(line -> line.startsWith("COPY --from=build " + jar + " ")), jar);
    String text = DeploymentFolder.text("Dockerfile");
    assertTrue(text.contains("./mvnw -B -q -DskipTests package -pl app -am"), "builds with the wrapper");
    assertTrue(java.nio.file.Files.isExecutable(DeploymentFolder.REPOSITORY.resolve("mvnw")));
  }

  @Test
  @DisplayName("checks readiness over HTTP with bash (dash has no /dev/tcp) and starts the launcher jar")
  void healthCheckAndEntrypoint() {
    String text = DeploymentFolder.text("Dockerfile");
    assertTrue(text.contains("HEALTHCHECK"), "no HEALTHCHECK");
    assertTrue(text.contains("CMD [\"/bin/bash\", \"-c\"") && text.contains("/health/ready"));
    String entrypoint = instructions.stream().filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    assertTrue(entrypoint.contains("\"-jar\", \"/app/login-backend.jar\""), entrypoint);
  }

  @Test
  @DisplayName("keeps build output, local data and secrets out of the build context")
  void dockerignoreExcludesSecretsAndOutput() {
    List<String> ignored = DeploymentFolder.text("Dockerfile.dockerignore").lines().toList();
    assertTrue(ignored.containsAll(List.of("docker/.env", "**/target", ".git")), ignored.toString());
  }
}
