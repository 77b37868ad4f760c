package dev.portal.login.contracts;

/** The {@code type} values of {@link SecurityEvent}. */
public final class EventTypes {
  public static final String ACCOUNT_REGISTERED = "account.registered";
  public static final String LOGIN_SUCCEEDED = "login.succeeded";
  public static final String LOGIN_FAILED = "login.failed";
  public static final String LOGIN_REJECTED = "login.rejected";
  public static final String ACCOUNT_LOCKED = "account.locked";
  public static final String ACCOUNT_UNLOCKED = "account.unlocked";

  private EventTypes() {
  }

  /** The topic an event of this type belongs to. */
  public static String topicOf(String type) {
    return type.startsWith("login.") ? Topics.LOGIN_EVENTS : Topics.ACCOUNT_EVENTS;
  }
}
