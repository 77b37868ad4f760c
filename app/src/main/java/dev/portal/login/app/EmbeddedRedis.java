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
      server.start();
    } catch (IOException | RuntimeException e) {
      stop();
      throw e;
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
