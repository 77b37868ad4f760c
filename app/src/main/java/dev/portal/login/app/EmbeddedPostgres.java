package dev.portal.login.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 14 child process (zonky binaries) listening on a fixed or given port, its
 * cluster in {@code <data dir>/postgres} and kept between runs. User and database: postgres.
 * When the JVM runs as root, zonky itself runs initdb and pg_ctl under {@code unshare -U}, since
 * PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgres implements EmbeddedService {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

  public static final String HOST = "127.0.0.1";
  public static final String USER = "postgres";
  public static final String DATABASE = "postgres";
  /** initdb on a slow disk can take a while the first time. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private static final Path ZONKY_DEFAULT_DIR = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");

  private final Path clusterDir;
  private final Path binariesDir;
  private final int port;
  private io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;

  public EmbeddedPostgres(Path dataDir, int port) {
    this.clusterDir = dataDir.resolve("postgres").toAbsolutePath();
    this.binariesDir = dataDir.resolve("postgres-binaries").toAbsolutePath();
    this.port = port;
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String address() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public synchronized void start() throws IOException {
    Files.createDirectories(binariesDir);
    postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        // binaries unpack into the data dir, not java.io.tmpdir: nothing left behind, fast restarts
        .setOverrideWorkingDirectory(binariesDir.toFile())
        .setDataDirectory(clusterDir)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPort(port)
        .setPGStartupWait(STARTUP_WAIT)
        .start();
    removeIfEmpty(ZONKY_DEFAULT_DIR);
  }

  /**
   * zonky's builder creates its default directory under java.io.tmpdir even when told to unpack
   * elsewhere; we put nothing there, so an empty one is ours to remove (a non-empty one is not).
   */
  private static void removeIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.debug("Left {} in place: {}", dir, e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("PostgreSQL did not stop cleanly: {}", e.toString());
    } finally {
      postgres = null;
    }
  }
}
