package dev.portal.login.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command-line checker (promtool, nginx, docker-compose) run when it is installed, skipped with a reason when not. */
final class ExternalTool {
  private static final long TIMEOUT_SECONDS = 120;

  record Result(int exitCode, String output) {
  }

  private ExternalTool() {
  }

  static boolean onPath(String executable) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory, executable);
      if (Files.isExecutable(candidate)) {
        return true;
      }
    }
    return false;
  }

  /** Skips the calling test, saying so on the console, when {@code executable} is not installed. */
  static void assumeInstalled(String executable, String installHint) {
    boolean installed = onPath(executable);
    String message = "SKIPPED " + executable + " checks: " + executable + " not installed (" + installHint + ")";
    if (!installed) {
      System.out.println(message);
    }
    assumeTrue(installed, message);
  }

  static Result run(Path workingDirectory, String... command) {
    List<String> arguments = new ArrayList<>(List.of(command));
    try {
      Process process = new ProcessBuilder(arguments).directory(workingDirectory.toFile())
          .redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", arguments) + " did not finish");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
