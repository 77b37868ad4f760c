package dev.portal.login.identity;

import dev.portal.login.contracts.IdentifierKind;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the configured administrator at start when the username is not taken yet. A generated
 * password is printed once, straight to the console: never through the logger, whose output may
 * be shipped elsewhere.
 */
final class BootstrapAdministrator {
  private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);
  static final List<String> ADMIN_ROLES = List.of(Roles.USER, Roles.ADMIN, Roles.SECURITY);
  static final int GENERATED_PASSWORD_LENGTH = 24;
  /** No look-alikes (0/O, 1/l/I), so the printed password can be typed without guessing. */
  private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final RequestContext BOOTSTRAP_CONTEXT = new RequestContext("bootstrap", null, null);

  private final LoginConfig.BootstrapAdmin settings;
  private final AccountStore accounts;
  private final AccountService accountService;
  private final PrintStream console;

  BootstrapAdministrator(LoginConfig.BootstrapAdmin settings, AccountStore accounts, AccountService accountService,
      PrintStream console) {
    this.settings = settings;
    this.accounts = accounts;
    this.accountService = accountService;
    this.console = console;
  }

  Future<Void> ensure() {
    if (settings.username() == null) {
      return Future.succeededFuture();
    }
    if (settings.password() == null && !settings.generatePassword()) {
      log.warn("BOOTSTRAP_ADMIN_USERNAME is set without BOOTSTRAP_ADMIN_PASSWORD; no administrator created");
      return Future.succeededFuture();
    }
    boolean generated = settings.password() == null;
    String password = generated ? generatePassword() : settings.password();
    return Future.succeededFuture(new JsonObject()
            .put("username", settings.username())
            .put("email", settings.effectiveEmail())
            .put("password", password))
        .map(BootstrapAdministrator::parse)
        .compose(account -> accounts.identifierExists(IdentifierKind.USERNAME, account.username())
            .compose(exists -> exists ? Future.succeededFuture() : create(account, generated)));
  }

  private Future<Void> create(NewAccount account, boolean generated) {
    return accountService.create(account, ADMIN_ROLES, BOOTSTRAP_CONTEXT)
        .onSuccess(view -> {
          log.info("Created bootstrap administrator {} ({})", view.username(), view.id());
          if (generated) {
            printOnce(account.username(), account.password());
          }
        })
        .<Void>mapEmpty()
        .recover(failure -> failure instanceof ProblemException pe && pe.problem().type() == ProblemType.CONFLICT
            ? alreadyThere(pe)
            : Future.failedFuture(failure));
  }

  /** Another instance won the race, or the e-mail belongs to someone else: nothing to print. */
  private static Future<Void> alreadyThere(ProblemException conflict) {
    log.warn("Bootstrap administrator not created: {} taken",
        conflict.problem().errors().stream().map(e -> e.field()).collect(Collectors.joining(", ")));
    return Future.succeededFuture();
  }

  private static NewAccount parse(JsonObject fields) {
    try {
      return InputRules.parseRegistration(fields);
    } catch (ProblemException e) {
      String problems = e.problem().errors().stream()
          .map(error -> "BOOTSTRAP_ADMIN_" + envSuffix(error.field()) + " " + error.message())
          .collect(Collectors.joining("; "));
      throw new IllegalArgumentException("Invalid bootstrap administrator: " + problems);
    }
  }

  private static String envSuffix(String field) {
    return switch (field) {
      case "username" -> "USERNAME";
      case "email" -> "EMAIL";
      case "password" -> "PASSWORD";
      default -> field.toUpperCase(java.util.Locale.ROOT);
    };
  }

  static String generatePassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
    for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  private void printOnce(String username, String password) {
    String[] lines = {
        "Bootstrap administrator created (shown once, not stored in clear anywhere):",
        "  username: " + username,
        "  password: " + password,
        "Sign in and keep it somewhere safe."
    };
    int width = 0;
    for (String line : lines) {
      width = Math.max(width, line.length());
    }
    String border = "+" + "-".repeat(width + 2) + "+";
    StringBuilder banner = new StringBuilder(border).append(System.lineSeparator());
    for (String line : lines) {
      banner.append("| ").append(line).append(" ".repeat(width - line.length())).append(" |")
          .append(System.lineSeparator());
    }
    banner.append(border);
    console.println(banner);
    console.flush();
  }
}
