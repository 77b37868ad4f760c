package dev.portal.login.notification;

import dev.portal.login.consumer.EnvNumbers;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where and how the e-mail channel reaches its SMTP server.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>SMTP_HOST</td><td>localhost</td><td>SMTP server host</td></tr>
 *   <tr><td>SMTP_PORT</td><td>25</td><td>SMTP server port</td></tr>
 *   <tr><td>SMTP_TLS</td><td>starttls-optional</td><td>none (plain), starttls-optional (STARTTLS when offered),
 *       starttls (STARTTLS required), tls (TLS from the first byte, e.g. port 465)</td></tr>
 *   <tr><td>SMTP_USERNAME</td><td>(none)</td><td>log in with this user; no login when unset</td></tr>
 *   <tr><td>SMTP_PASSWORD</td><td>(none)</td><td>password of SMTP_USERNAME; never logged</td></tr>
 *   <tr><td>SMTP_FROM</td><td>Portal &lt;no-reply@localhost&gt;</td><td>sender of every message</td></tr>
 *   <tr><td>SMTP_CONNECT_TIMEOUT_MS</td><td>5000</td><td>longest wait to connect to the server</td></tr>
 *   <tr><td>SMTP_MAX_CONNECTIONS</td><td>10</td><td>connections kept to the server at most</td></tr>
 * </table>
 */
public record SmtpSettings(String host, int port, Tls tls, String username, String password, String from,
    Duration connectTimeout, int maxConnections) {

  /** How the connection is secured. */
  public enum Tls {
    NONE, STARTTLS_OPTIONAL, STARTTLS, TLS;

    static Tls parse(String name, String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "none" -> NONE;
        case "starttls-optional" -> STARTTLS_OPTIONAL;
        case "starttls" -> STARTTLS;
        case "tls" -> TLS;
        default -> throw new IllegalArgumentException(
            name + " must be none, starttls-optional, starttls or tls, got '" + value + "'");
      };
    }
  }

  public static SmtpSettings fromEnv(Map<String, String> env) {
    return new SmtpSettings(
        EnvText.text(env, "SMTP_HOST", "localhost"),
        port(env),
        Tls.parse("SMTP_TLS", EnvText.text(env, "SMTP_TLS", "starttls-optional")),
        EnvText.text(env, "SMTP_USERNAME", null),
        EnvText.text(env, "SMTP_PASSWORD", null),
        EnvText.text(env, "SMTP_FROM", "Portal <no-reply@localhost>"),
        EnvNumbers.positiveMillis(env, "SMTP_CONNECT_TIMEOUT_MS", 5_000),
        EnvNumbers.positiveCount(env, "SMTP_MAX_CONNECTIONS", 10));
  }

  private static int port(Map<String, String> env) {
    int port = EnvNumbers.positiveCount(env, "SMTP_PORT", 25);
    if (port > 65_535) {
      throw new IllegalArgumentException("SMTP_PORT must be a port number, got " + port);
    }
    return port;
  }

  MailConfig toMailConfig() {
    MailConfig config = new MailConfig()
        .setHostname(host)
        .setPort(port)
        .setSsl(tls == Tls.TLS)
        .setStarttls(switch (tls) {
          case NONE, TLS -> StartTLSOptions.DISABLED;
          case STARTTLS_OPTIONAL -> StartTLSOptions.OPTIONAL;
          case STARTTLS -> StartTLSOptions.REQUIRED;
        })
        .setMaxPoolSize(maxConnections);
    config.setConnectTimeout((int) connectTimeout.toMillis());
    if (username != null) {
      config.setLogin(LoginOption.REQUIRED).setUsername(username).setPassword(password);
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    return config;
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + ", tls=" + tls + ", username=" + username + ", from=" + from + "]";
  }
}
