package dev.portal.login.gateway;

import java.time.Duration;
import java.util.Map;

/**
 * How the gateway serves the live audit stream and audit exports, read once at start-up.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>AUDIT_STREAM_HEARTBEAT_MS</td><td>15000</td>
 *       <td>interval of the comment line that keeps an idle stream (and proxies) open</td></tr>
 *   <tr><td>AUDIT_STREAM_RESUME_BUFFER</td><td>10000</td>
 *       <td>live events held while a reconnecting client catches up; beyond it the client is dropped</td></tr>
 *   <tr><td>AUDIT_STREAM_WRITE_QUEUE_BYTES</td><td>262144</td>
 *       <td>bytes queued for one client before it counts as too slow and is dropped</td></tr>
 *   <tr><td>AUDIT_STREAM_WRITER_WAIT_MS</td><td>30000</td>
 *       <td>longest a reconnecting client waits for the audit writers to store what it missed; then its
 *       stream ends and it reconnects with the same position</td></tr>
 *   <tr><td>AUDIT_STREAM_WRITER_POLL_MS</td><td>250</td>
 *       <td>how often a waiting client asks how far the audit writers are</td></tr>
 * </table>
 *
 * <p>The heartbeat also paces the check that the caller's session is still live.
 */
public record AuditStreamSettings(Duration heartbeat, int resumeBuffer, int writeQueueBytes, Duration writerWait,
    Duration writerPoll) {

  public AuditStreamSettings {
    if (heartbeat.isZero() || heartbeat.isNegative() || resumeBuffer < 1 || writeQueueBytes < 1
        || writerWait.isZero() || writerWait.isNegative() || writerPoll.isZero() || writerPoll.isNegative()) {
      throw new IllegalArgumentException("audit stream settings must be positive");
    }
  }

  public static AuditStreamSettings fromEnv(Map<String, String> env) {
    return new AuditStreamSettings(
        Duration.ofMillis(positive(env, "AUDIT_STREAM_HEARTBEAT_MS", 15_000)),
        (int) positive(env, "AUDIT_STREAM_RESUME_BUFFER", 10_000),
        (int) positive(env, "AUDIT_STREAM_WRITE_QUEUE_BYTES", 262_144),
        Duration.ofMillis(positive(env, "AUDIT_STREAM_WRITER_WAIT_MS", 30_000)),
        Duration.ofMillis(positive(env, "AUDIT_STREAM_WRITER_POLL_MS", 250)));
  }

  private static long positive(Map<String, String> env, String name, long fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 1 || parsed > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + " must be from 1 to " + Integer.MAX_VALUE + ", got " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
    }
  }
}
