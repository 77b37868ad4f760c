package dev.portal.login.app;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What one process does: the front end ({@code api}) and/or some of the Kafka consumers. */
public enum Role {
  API("api"),
  LOCKOUT_CONSUMER("lockout-consumer"),
  AUDIT_CONSUMER("audit-consumer"),
  NOTIFICATION_CONSUMER("notification-consumer");

  private final String argument;

  Role(String argument) {
    this.argument = argument;
  }

  /** As written on the command line. */
  public String argument() {
    return argument;
  }

  public static Optional<Role> fromArgument(String argument) {
    String wanted = argument.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(role -> role.argument.equals(wanted)).findFirst();
  }

  /**
   * The roles named by the command-line arguments; none means all.
   *
   * @throws IllegalArgumentException naming the first unknown role
   */
  public static Set<Role> parse(List<String> arguments) {
    if (arguments.isEmpty()) {
      return EnumSet.allOf(Role.class);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String argument : arguments) {
      roles.add(fromArgument(argument).orElseThrow(
          () -> new IllegalArgumentException("unknown role '" + argument + "'")));
    }
    return roles;
  }

  /** "api, audit-consumer": for banners and usage text. */
  public static String describe(Set<Role> roles) {
    return roles.stream().map(Role::argument).collect(Collectors.joining(", "));
  }
}
