package dev.portal.login.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run atomically by Redis, sent by its SHA-1 (EVALSHA) so a request carries only the
 * digest; when the server does not know it yet (first use, restart, SCRIPT FLUSH) it is sent whole.
 */
public final class RedisScript {
  /** The error code Redis answers EVALSHA with for an unknown script. */
  private static final String NO_SCRIPT = "NOSCRIPT";

  private final String source;
  private final String sha1;

  public RedisScript(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  public Future<Response> run(RedisAPI redis, List<String> keys, List<String> args) {
    return redis.evalsha(arguments(sha1, keys, args))
        .recover(failure -> failure.getMessage() != null && failure.getMessage().startsWith(NO_SCRIPT)
            ? redis.eval(arguments(source, keys, args))
            : Future.failedFuture(failure));
  }

  private static List<String> arguments(String script, List<String> keys, List<String> args) {
    List<String> all = new ArrayList<>(2 + keys.size() + args.size());
    all.add(script);
    all.add(Integer.toString(keys.size()));
    all.addAll(keys);
    all.addAll(args);
    return all;
  }

  private static String sha1Hex(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
