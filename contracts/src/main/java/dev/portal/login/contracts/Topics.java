package dev.portal.login.contracts;

import java.util.List;

/** Kafka topic names: the record of everything that happened. */
public final class Topics {
  /** Login attempts, keyed by account id (or a hash of the normalised identifier when unknown). */
  public static final String LOGIN_EVENTS = "auth.login-events";
  /** Account lifecycle and lock state changes, keyed by account id. */
  public static final String ACCOUNT_EVENTS = "auth.account-events";
  /** Messages to deliver (codes, links, alerts); secrets inside are sealed. */
  public static final String NOTIFICATIONS = "auth.notifications";
  /** Messages a consumer could never process, with the reason in the headers. */
  public static final String DEAD_LETTER = "auth.dead-letter";

  public static final List<String> ALL = List.of(LOGIN_EVENTS, ACCOUNT_EVENTS, NOTIFICATIONS, DEAD_LETTER);

  /** Header names carried by dead-lettered records. */
  public static final String HEADER_DLQ_REASON = "dlq-reason";
  public static final String HEADER_DLQ_SOURCE = "dlq-source";

  private Topics() {
  }
}
