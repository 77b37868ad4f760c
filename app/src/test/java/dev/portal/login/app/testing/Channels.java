package dev.portal.login.app.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * The delivery channels of a test app: {@link MailServer} for e-mail and {@link SmsWebhook} for SMS,
 * with the environment that points the notification consumer at them (and not at the dev outbox).
 */
public final class Channels implements AutoCloseable {
  /** Where messages say the portal is; links in e-mails start with it. */
  public static final String PUBLIC_BASE_URL = "https://portal.example.go.id";

  private final MailServer mail;
  private final SmsWebhook sms;

  private Channels(MailServer mail, SmsWebhook sms) {
    this.mail = mail;
    this.sms = sms;
  }

  public static Channels start() throws Exception {
    MailServer mail = MailServer.start();
    try {
      return new Channels(mail, SmsWebhook.start());
    } catch (Exception e) {
      mail.close();
      throw e;
    }
  }

  public MailServer mail() {
    return mail;
  }

  public SmsWebhook sms() {
    return sms;
  }

  /** SMTP_*, SMS_WEBHOOK_URL, DEV_OUTBOX=false and PUBLIC_BASE_URL for {@link RunningApp#start}. */
  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>(mail.env());
    env.put("SMS_WEBHOOK_URL", sms.url());
    env.put("DEV_OUTBOX", "false");
    env.put("PUBLIC_BASE_URL", PUBLIC_BASE_URL);
    return env;
  }

  /** {@link #env()} with more variables over it. */
  public Map<String, String> env(Map<String, String> more) {
    Map<String, String> env = env();
    env.putAll(more);
    return env;
  }

  @Override
  public void close() throws Exception {
    try {
      sms.close();
    } finally {
      mail.close();
    }
  }
}
