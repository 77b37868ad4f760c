package dev.portal.login.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Role arguments")
class RoleTest {

  @Test
  @DisplayName("no argument means every role")
  void noneMeansAll() {
    assertEquals(EnumSet.allOf(Role.class), Role.parse(List.of()));
  }

  @Test
  @DisplayName("each named role is chosen, in any case, and only those")
  void namedRoles() {
    assertEquals(EnumSet.of(Role.API, Role.AUDIT_CONSUMER), Role.parse(List.of("api", "AUDIT-consumer")));
    assertEquals(EnumSet.of(Role.LOCKOUT_CONSUMER, Role.NOTIFICATION_CONSUMER),
        Role.parse(List.of("lockout-consumer", "notification-consumer", "lockout-consumer")));
  }

  @Test
  @DisplayName("an unknown role is refused by name")
  void unknownRole() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> Role.parse(List.of("api", "gateway")));
    assertEquals("unknown role 'gateway'", failure.getMessage());
  }
}
