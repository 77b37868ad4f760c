package dev.portal.login.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The launcher's command line")
class MainTest {

  @Test
  @DisplayName("an unknown role prints the usage with every role, exits 2 and starts nothing")
  void unknownRoleIsAUsageError() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exitCode = Main.launch(new String[] {"api", "gateway"}, print(out), print(err));

    assertEquals(2, exitCode);
    String usage = err.toString(StandardCharsets.UTF_8);
    assertTrue(usage.contains("unknown role 'gateway'"), usage);
    assertTrue(usage.contains("Usage: java -jar login-backend.jar [role...]"), usage);
    for (Role role : Role.values()) {
      assertTrue(usage.contains("\n  " + role.argument()), usage);
    }
    assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing was started, so no progress was printed");
  }

  @Test
  @DisplayName("the gateway checks the health of exactly the components deployed in this process")
  void healthComponentsFollowRoles() {
    assertEquals(List.of("login", "lockout-consumer", "audit-consumer", "notification-consumer"),
        List.of(Role.values()).stream().map(Application::healthComponent).toList());
  }

  private static PrintStream print(ByteArrayOutputStream buffer) {
    return new PrintStream(buffer, true, StandardCharsets.UTF_8);
  }
}
