package dev.portal.login.app.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server in the test JVM (GreenMail) on a free loopback port: the notification consumer
 * delivers to it over SMTP exactly as it would to a relay, and tests read what arrived per address.
 */
public final class MailServer implements AutoCloseable {
  private static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");

  private final GreenMail greenMail;
  private final int port;

  private MailServer(GreenMail greenMail, int port) {
    this.greenMail = greenMail;
    this.port = port;
  }

  public static MailServer start() {
    int port = FreePorts.next();
    GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    return new MailServer(greenMail, port);
  }

  public int port() {
    return port;
  }

  /** The app's SMTP settings pointing at this server: plain SMTP on loopback, no credentials. */
  public Map<String, String> env() {
    return Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(port), "SMTP_TLS", "none");
  }

  /** One received e-mail, decoded: the subject and every text part (plain and HTML) joined. */
  public record Mail(List<String> to, String from, String subject, String text) {
    /** The one 6-digit code in the text, failing the test if there is none. */
    public String code() {
      Matcher matcher = SIX_DIGITS.matcher(text);
      if (!matcher.find()) {
        throw new AssertionError("no 6-digit code in the e-mail '" + subject + "': " + text);
      }
      return matcher.group(1);
    }

    public boolean hasCode() {
      return SIX_DIGITS.matcher(text).find();
    }

    /** The first link to {@code path} (e.g. "/reset-password") with its token, failing the test if there is none. */
    public String link(String path) {
      Matcher matcher = Pattern.compile("https?://[^\\s\"'<>]+" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+")
          .matcher(text);
      if (!matcher.find()) {
        throw new AssertionError("no " + path + " link in the e-mail '" + subject + "': " + text);
      }
      return matcher.group();
    }

    /** The token of the first link to {@code path}. */
    public String token(String path) {
      String link = link(path);
      return link.substring(link.indexOf("?token=") + "?token=".length());
    }

    public boolean mentions(String fragment) {
      return subject.contains(fragment) || text.contains(fragment);
    }
  }

  /** Every e-mail received so far for {@code address} (case-insensitive), oldest first. */
  public List<Mail> messagesTo(String address) {
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(message -> isAddressedTo(message, address))
        .map(MailServer::decode)
        .toList();
  }

  /** Waits for the first e-mail to {@code address} and returns it. */
  public Mail awaitMessageTo(String address) {
    return awaitMessages(address, 1).get(0);
  }

  /** Waits until {@code count} e-mails to {@code address} have arrived; returns them all, oldest first. */
  public List<Mail> awaitMessages(String address, int count) {
    return Eventually.await(count + " e-mail(s) to " + address, () -> messagesTo(address), mails -> mails.size() >= count);
  }

  /** Waits for an e-mail to {@code address} whose subject or text contains {@code fragment}. */
  public Mail awaitMessageMentioning(String address, String fragment) {
    return Eventually.await("an e-mail to " + address + " mentioning " + fragment, () -> messagesTo(address),
            mails -> mails.stream().anyMatch(mail -> mail.mentions(fragment)))
        .stream().filter(mail -> mail.mentions(fragment)).findFirst().orElseThrow();
  }

  /**
   * Waits for an e-mail to {@code address} after the first {@code seenBefore} ones that {@code which}
   * accepts (other messages, e.g. a sign-in alert, may arrive in between) and returns the first such.
   */
  public Mail awaitNewMessage(String address, int seenBefore, Predicate<Mail> which) {
    return Eventually.await("a new e-mail to " + address, () -> newMessages(address, seenBefore, which),
        found -> !found.isEmpty()).get(0);
  }

  /** Waits for a new e-mail to {@code address} carrying a 6-digit code, and returns the code. */
  public String awaitNewCode(String address, int seenBefore) {
    return awaitNewMessage(address, seenBefore, Mail::hasCode).code();
  }

  private List<Mail> newMessages(String address, int seenBefore, Predicate<Mail> which) {
    List<Mail> all = messagesTo(address);
    return all.subList(Math.min(seenBefore, all.size()), all.size()).stream().filter(which).toList();
  }

  /** Every e-mail received so far, to anyone. */
  public List<Mail> allMessages() {
    return Arrays.stream(greenMail.getReceivedMessages()).map(MailServer::decode).toList();
  }

  private static boolean isAddressedTo(MimeMessage message, String address) {
    try {
      Address[] recipients = message.getRecipients(Message.RecipientType.TO);
      return recipients != null && Arrays.stream(recipients)
          .anyMatch(recipient -> ((InternetAddress) recipient).getAddress().equalsIgnoreCase(address));
    } catch (MessagingException e) {
      throw new AssertionError("unreadable recipients: " + e, e);
    }
  }

  private static Mail decode(MimeMessage message) {
    try {
      List<String> to = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .map(recipient -> ((InternetAddress) recipient).getAddress().toLowerCase(Locale.ROOT)).toList();
      Address[] from = message.getFrom();
      return new Mail(to, from == null || from.length == 0 ? null : ((InternetAddress) from[0]).getAddress(),
          message.getSubject(), text(message));
    } catch (MessagingException | IOException e) {
      throw new AssertionError("undecodable e-mail: " + e, e);
    }
  }

  private static String text(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/*")) {
      return String.valueOf(part.getContent());
    }
    if (part.getContent() instanceof Multipart multipart) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        text.append(text(multipart.getBodyPart(i))).append('\n');
      }
      return text.toString();
    }
    return "";
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
