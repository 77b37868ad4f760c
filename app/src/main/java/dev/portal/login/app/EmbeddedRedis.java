package dev.portal.login.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server 6.2 child process bound to 127.0.0.1, persisting to an append-only file in
 * {@code <data dir>/redis} so a restart keeps locks, throttles and sessions.
 */
public final class EmbeddedRedis implements EmbeddedService {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  static final String HOST = "127.0.0.1";
  /** Attempts to run a just-extracted binary while another thread's fork may still hold it open for writing. */
  private static final int EXEC_ATTEMPTS = 10;
  private static final long EXEC_RETRY_MILLIS = 100;

  private final Path dir;
  private final int port;
  private Path binaryDir;
  private RedisServer server;

  public EmbeddedRedis(Path dataDir, int port) {
    this.dir = dataDir.resolve("redis").toAbsolutePath();
    this.port = port;
  }

  @Override
  public String name() {
    return "Redis";
  }

  @Override
  public String address() {
    return HOST + ":" + port;
  }

  public String connectionString() {
    return "redis://" + address();
  }

  @Override
  public synchronized void start() throws IOException {
    Files.createDirectories(dir);
    // binary and config go into our own temp directory so stop() can remove both
    binaryDir = Files.createTempDirectory("embedded-redis-");
    Path executable = ExecutableProvider.newJarResourceProvider(binaryDir.toFile()).get().toPath();
    Path configFile = Files.writeString(binaryDir.resolve("redis.conf"), configuration());
    server = new RedisServer(port, List.of(executable.toString(), configFile.toString()), true);
    try {
      startServer();
    } catch (IOException | RuntimeException e) {
      stop();
      throw e;
    }
  }

  // A process forked elsewhere in this JVM (another embedded service starting) between our write and
  // exec inherits the binary's write handle for a moment: exec then fails with ETXTBSY, so try again.
  private void startServer() throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        server.start();
        return;
      } catch (IOException e) {
        if (attempt >= EXEC_ATTEMPTS || !textFileBusy(e)) {
          throw e;
        }
        LOG.debug("redis-server binary still held open by a fork (attempt {}), retrying", attempt);
        pause();
      }
    }
  }

  private static boolean textFileBusy(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().contains("error=26")) {
        return true;
      }
    }
    return false;
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(EXEC_RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting Redis", e);
    }
  }

  private String configuration() {
    return String.join("\n",
        "bind " + HOST,
        "port " + port,
        "protected-mode yes",
        "dir \"" + dir + "\"",
        "appendonly yes",
        "appendfsync everysec",
        "save \"\"",
        "");
  }

  @Override
  public synchronized void stop() {
    try {
      if (server != null && server.isActive()) {
        server.stop();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Redis did not stop cleanly: {}", e.toString());
    } finally {
      server = null;
      TempFiles.deleteRecursively(binaryDir);
      binaryDir = null;
    }
  }
}
