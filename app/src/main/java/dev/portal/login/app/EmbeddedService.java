package dev.portal.login.app;

/**
 * A real service (Kafka, PostgreSQL, Redis) run in or beside this JVM for the no-setup mode and
 * for tests. {@link #start()} blocks until the service answers; {@link #stop()} never throws.
 */
public interface EmbeddedService {

  /** Human name used in progress lines, e.g. "Kafka". */
  String name();

  /** Where clients reach it once started, e.g. "127.0.0.1:19092". */
  String address();

  void start() throws Exception;

  void stop();
}
