package dev.portal.login.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The launcher: {@code java -jar login-backend.jar [role...]}. Starts the embedded services the
 * configuration leaves unconfigured (in parallel), then the chosen roles, prints a ready banner,
 * and on SIGTERM stops Vert.x and then the embedded services. Deletes nothing under the data dir.
 */
public final class Main {
  static final int EXIT_USAGE = 2;
  static final int EXIT_FAILED = 1;
  /** Bounds the shutdown hook so a stuck component cannot keep the process alive forever. */
  private static final long SHUTDOWN_LIMIT_SECONDS = 60;
  /** The one-shot mode that rebuilds lock state from Kafka. */
  static final String LOCKOUT_REBUILD = "lockout-rebuild";
  private static final long REBUILD_LIMIT_SECONDS = 600;

  private Main() {
  }

  public static void main(String[] args) {
    // before any Vert.x class loads: route its logging through SLF4J (logback)
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    int exitCode = launch(args, System.out, System.err);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /** Starts everything and returns 0 (the process then lives on Vert.x threads), or an exit code. */
  static int launch(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && LOCKOUT_REBUILD.equals(args[0])) {
      return rebuildLockout(out, err);
    }
    Set<Role> roles;
    try {
      roles = Role.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      err.println("login-backend: " + e.getMessage());
      err.println(usage());
      return EXIT_USAGE;
    }
    long begin = System.nanoTime();
    AtomicReference<Application> running = new AtomicReference<>();
    try {
      AppConfig config = AppConfig.load(System.getenv());
      // before the first logger: logback reads the chosen format when it configures itself
      LogFormat.fromEnv(config.env(), config.noSetupMode()).install();
      config = config.withKeys(roles);
      out.println("login-backend starting: roles " + Role.describe(roles) + ", " + config);
      EmbeddedServices embedded = EmbeddedServices.start(config.embeddedServices(), out);
      // installed before the roles start, so a SIGTERM during start-up still stops the services
      installShutdownHook(running, embedded, out);
      out.println("Starting roles...");
      running.set(Application.start(config, roles).toCompletionStage().toCompletableFuture().get());
      out.println(banner(running.get(), begin));
      return 0;
    } catch (ExecutionException e) {
      err.println("login-backend failed to start: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("login-backend start interrupted");
    } catch (Exception e) {
      err.println("login-backend failed to start: " + e.getMessage());
    }
    return EXIT_FAILED;
  }

  static String usage() {
    StringBuilder text = new StringBuilder("Usage: java -jar login-backend.jar [role...]\nRoles (none = all):");
    for (Role role : Role.values()) {
      text.append("\n  ").append(role.argument());
    }
    text.append("\nOr: java -jar login-backend.jar ").append(LOCKOUT_REBUILD)
        .append("   (rebuild lock state in Redis from Kafka, then exit)");
    return text.toString();
  }

  /**
   * Replays the lock history from Kafka into Redis and exits: the procedure after Redis lost its data
   * (the lockout consumer also does it by itself on start when Redis lacks its built marker).
   */
  private static int rebuildLockout(PrintStream out, PrintStream err) {
    try {
      AppConfig config = AppConfig.load(System.getenv());
      LogFormat.fromEnv(config.env(), config.noSetupMode()).install();
      try (EmbeddedServices embedded = EmbeddedServices.start(config.embeddedServices(), out)) {
        out.println("Rebuilding lock state from Kafka...");
        long replayed = Application.rebuildLockout(config, Duration.ofSeconds(REBUILD_LIMIT_SECONDS));
        out.println("Lock state rebuilt from " + replayed + " events");
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("login-backend lockout-rebuild interrupted");
    } catch (Exception e) {
      err.println("login-backend lockout-rebuild failed: " + e.getMessage());
    }
    return EXIT_FAILED;
  }

  private static String banner(Application application, long begin) {
    String took = EmbeddedServices.seconds(begin);
    String roles = Role.describe(application.roles());
    if (application.httpPort() < 0) {
      return String.format(Locale.ROOT, "login-backend ready in %s \u2014 roles: %s (no HTTP)", took, roles);
    }
    return String.format(Locale.ROOT, "login-backend ready at http://%s:%d in %s \u2014 roles: %s",
        application.httpHost(), application.httpPort(), took, roles);
  }

  /** On SIGTERM (and on exit): stop the roles, then the embedded services. Deletes no data. */
  private static void installShutdownHook(AtomicReference<Application> running, EmbeddedServices embedded,
      PrintStream out) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("Stopping login-backend...");
      Application application = running.get();
      if (application != null) {
        try {
          application.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
          out.println("The roles did not stop cleanly: " + e);
        }
      }
      embedded.close();
      out.println("login-backend stopped");
      LogFormat.flush();
    }, "login-backend-shutdown"));
  }
}
