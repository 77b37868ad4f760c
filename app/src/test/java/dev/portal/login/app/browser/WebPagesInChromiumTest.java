package dev.portal.login.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.Accounts;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.MutableClock;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The portal's pages as a person and a security officer use them, in a real headless Chromium at a
 * phone's width against the whole app: the sign-in with an e-mail code read from the dev outbox, the
 * account page's activity and "sign out of all other devices", a locked account's message, the
 * console's live table and unlock, and the e-mail links' pages. Each page is saved as a screenshot
 * under target/screenshots. Skipped (with the reason printed) where chromium or chromedriver is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The web pages in headless Chromium")
class WebPagesInChromiumTest {
  private static final String ADMIN = "browser-admin";
  private static final String ADMIN_PASSWORD = "an administrator's long passphrase 2026";
  private static final String PASSWORD = "Kebun raya Bogor di pagi hari 2026";
  private static final String NEW_PASSWORD = "Danau Toba di musim kemarau 2027";
  private static final String WRONG = "bukan kata sandi yang benar";
  /** The browser of most of the portals' users: Indonesian first. */
  private static final String INDONESIAN_FIRST = "id-ID,id,en-US,en";
  private static final Pattern VERIFY_LINK = Pattern.compile("/verify-email\\?token=([A-Za-z0-9_-]+)");
  private static final Pattern RESET_LINK = Pattern.compile("/reset-password\\?token=([A-Za-z0-9_-]+)");
  private static final int LOCKOUT_FAILURES = 5;
  /** ACCESS_TOKEN_TTL_SECONDS and TOKEN_CLOCK_SKEW_SECONDS at their defaults. */
  private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(300 + 30);
  private static final Duration RESET_THROTTLE = Duration.ofSeconds(2);

  private RunningApp app;
  private ApiClient api;
  private DevOutbox outbox;
  private String adminToken;

  @BeforeAll
  void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    TestServices.get().resetNow();
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of(
        "BOOTSTRAP_ADMIN_USERNAME", ADMIN, "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD, "DEV_OUTBOX", "true",
        // a new reset code may be asked for after this long (60 s by default): the SMS reset test asks twice
        "PASSWORD_RESET_THROTTLE_SECONDS", Long.toString(RESET_THROTTLE.toSeconds())));
    api = new ApiClient(app.baseUrl());
    outbox = new DevOutbox(api);
    adminToken = api.accessToken(ADMIN, ADMIN_PASSWORD);
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @DisplayName("a person verifies the e-mail from its link, signs in with the e-mail code from the dev outbox, sees the sign-in in the activity and signs out every other device")
  void signInWithEmailCode() throws Exception {
    String name = unique("budi");
    String email = name + "@example.id";
    register(name, email);
    String verifyToken = outbox.awaitNew(email, Set.of(), VERIFY_LINK);

    inBrowser("sign-in-with-email-code", browser -> {
      browser.go("/verify-email?token=" + verifyToken);
      browser.visible("verify-submit");
      assertFalse(browser.driver().getCurrentUrl().contains(verifyToken), "the token leaves the address bar");
      browser.screenshot("verify-email");
      browser.click("verify-submit");
      browser.textIn("message", "Alamat e-mail Anda sudah terverifikasi");

      String otherDevice = api.accessToken(name, PASSWORD);
      Answer method = api.putWithBearer("/api/v1/me/mfa", otherDevice,
          new JsonObject().put("method", "email").put("password", PASSWORD));
      assertEquals(200, method.status(), "e-mail codes on: " + method);

      browser.go("/");
      assertEquals("Masuk", browser.visible("signin-submit").getText(), "Indonesian where the browser prefers it");
      assertEquals("id", browser.script("return document.documentElement.lang;"));
      browser.screenshot("signin");
      Set<String> before = outbox.seen(email);
      browser.type("identifier", email);
      browser.type("password", PASSWORD);
      browser.click("signin-submit");
      String intro = browser.visible("code-intro").getText();
      assertTrue(intro.contains("e-mail") && !intro.contains(email), "names the channel, masks the address: " + intro);
      browser.screenshot("signin-code");

      browser.type("code", outbox.awaitNewCode(email, before));
      browser.click("code-submit");
      browser.waitFor("the account page", driver -> driver.getCurrentUrl().endsWith("/account"));

      browser.waitFor("the sign-in in my recent activity", driver -> {
        if (driver.findElement(By.id("activity-rows")).getText().contains("Berhasil masuk")) {
          return true;
        }
        driver.navigate().refresh(); // the audit trail is written a moment after the login
        return false;
      });
      browser.waitFor("this browser and the other device in my sessions",
          driver -> driver.findElements(By.cssSelector("#session-rows tr")).size() == 2);
      assertFalse(browser.overflowsSideways(), "the account page fits a " + HeadlessChromium.PHONE_WIDTH + " px screen");
      browser.screenshot("account");

      browser.click("revoke-others");
      browser.textIn("message", "Semua sesi lain telah diakhiri");
      browser.waitFor("only this browser's session left",
          driver -> driver.findElements(By.cssSelector("#session-rows tr")).size() == 1);
      assertEquals(401, api.get("/api/v1/me", otherDevice).status(), "the other device is signed out");
      assertCleanConsole(browser);
    });
  }

  @Test
  @DisplayName("a locked account sees, in the language it chose, that it is locked and the moment the lock lifts")
  void lockedAccountSeesItsMessage() throws Exception {
    String name = unique("sari");
    String accountId = register(name, name + "@example.id");

    inBrowser("locked-account", browser -> {
      browser.go("/");
      browser.click("lang-switch");
      assertEquals("Sign in", browser.find("signin-submit").getText());
      browser.driver().navigate().refresh();
      assertEquals("Sign in", browser.visible("signin-submit").getText(), "the language choice is remembered");
      assertEquals(HeadlessChromium.PHONE_WIDTH, ((Number) browser.script("return window.innerWidth;")).intValue());
      assertFalse(browser.overflowsSideways(), "the sign-in page fits a " + HeadlessChromium.PHONE_WIDTH + " px screen");

      for (int i = 0; i < LOCKOUT_FAILURES; i++) {
        signInFromTheKeyboard(browser, name, WRONG);
        assertTrue(browser.find("message").getText().contains("The identifier or password is not correct"),
            browser.find("message").getText());
      }
      JsonObject lock = Eventually.await("the lock of " + name, () -> lockState(accountId),
          state -> state.getString("lockedUntil") != null);

      signInFromTheKeyboard(browser, name, PASSWORD);
      browser.textIn("message", "Your account is temporarily locked. Try again after");
      WebElement until = browser.driver().findElement(By.cssSelector("#message time"));
      assertEquals(Instant.parse(lock.getString("lockedUntil")), Instant.parse(until.getDomAttribute("datetime")));
      assertFalse(until.getText().isBlank(), "the time is written out in local time");
      browser.screenshot("signin-locked");
      assertCleanConsole(browser);
    });
  }

  @Test
  @DisplayName("the security console shows a failed login live, looks the account up as locked and unlocks it")
  void consoleShowsAFailedLoginLiveAndUnlocks() throws Exception {
    String name = unique("eko");
    String accountId = register(name, name + "@example.id");

    inBrowser("console", browser -> {
      openConsoleAsAdministrator(browser);

      assertEquals(401, login(name, WRONG).status());
      browser.waitFor("the failed login in the live table", driver -> driver
          .findElements(By.cssSelector("#stream-rows tr[data-type='login.failed']")).stream()
          .anyMatch(row -> row.getText().contains(accountId)));

      for (int i = 1; i < LOCKOUT_FAILURES; i++) {
        login(name, WRONG);
      }
      Eventually.await("the lock of " + name, () -> lockState(accountId), state -> state.getString("lockedUntil") != null);
      browser.type("lookup-identifier", name);
      browser.click("lookup-submit");
      browser.waitFor("the account shown as locked",
          driver -> "true".equals(driver.findElement(By.id("lookup-state")).getDomAttribute("data-locked")));
      assertEquals(accountId, browser.find("lookup-account-id").getText());
      assertFalse(browser.overflowsSideways(), "the console fits a " + HeadlessChromium.PHONE_WIDTH + " px screen");
      browser.screenshot("console");

      browser.click("lookup-unlock");
      browser.textIn("message", "Akun sudah tidak terkunci");
      assertEquals("false", browser.find("lookup-state").getDomAttribute("data-locked"));
      assertEquals(200, login(name, PASSWORD).status(), "the owner gets in again");
      assertCleanConsole(browser);
    });
  }

  @Test
  @DisplayName("forgot password sends a link whose page refuses a short password in words, then sets a new one that signs in")
  void forgotAndResetPassword() throws Exception {
    String name = unique("dewi");
    String email = name + "@example.id";
    register(name, email);
    String verifyToken = outbox.awaitNew(email, Set.of(), VERIFY_LINK);
    assertEquals(204, api.postJson("/api/v1/accounts/verify-email", new JsonObject().put("token", verifyToken)).status());

    inBrowser("forgot-and-reset", browser -> {
      browser.go("/");
      Set<String> before = outbox.seen(email);
      browser.click("forgot-open");
      browser.type("forgot-identifier", name);
      browser.click("forgot-submit");
      browser.textIn("message", "Jika akun tersebut ada");

      browser.go("/reset-password?token=" + outbox.awaitNew(email, before, RESET_LINK));
      browser.type("new-password", "pendek");
      browser.type("confirm-password", "pendek");
      browser.click("reset-submit");
      browser.textIn("message", "Kata sandi terlalu pendek");
      browser.screenshot("reset-password");

      browser.type("new-password", NEW_PASSWORD);
      browser.type("confirm-password", NEW_PASSWORD);
      browser.click("reset-submit");
      browser.textIn("message", "Kata sandi Anda sudah diganti");
      assertCleanConsole(browser);
    });
    assertEquals(401, login(name, PASSWORD).status(), "the old password is gone");
    assertEquals(200, login(name, NEW_PASSWORD).status(), "the new one signs in");
  }

  @Test
  @DisplayName("forgot password by SMS on the sign-in page: a wrong code is refused in words with the attempts left, a new code can be asked for once the wait is over, and it sets the new password and returns to sign-in")
  void forgotPasswordBySmsCode() throws Exception {
    String name = unique("sari");
    register(name, name + "@example.id");
    String phone = Accounts.uniquePhone();
    String token = api.accessToken(name, PASSWORD);
    Set<String> beforePhone = outbox.seen(phone);
    Answer set = api.postWithBearer("/api/v1/me/phone", token, new JsonObject().put("phone", phone));
    assertEquals(202, set.status(), set.toString());
    assertEquals(204, api.postWithBearer("/api/v1/me/phone/verify", token, new JsonObject()
        .put("challenge_id", set.json().getString("challenge_id"))
        .put("code", outbox.awaitNewCode(phone, beforePhone))).status(), "phone verified");

    inBrowser("forgot-by-sms", browser -> {
      browser.go("/");
      Set<String> before = outbox.seen(phone);
      browser.click("forgot-open");
      browser.type("forgot-identifier", name);
      browser.click("forgot-channel-sms");
      assertEquals("Kirim kode", browser.find("forgot-submit").getText(), "the button says what it sends");
      browser.click("forgot-submit");
      browser.visible("reset-code");
      String code = outbox.awaitNewCode(phone, before);

      browser.type("reset-code", code.equals("000000") ? "111111" : "000000");
      browser.type("reset-new-password", NEW_PASSWORD);
      browser.type("reset-confirm-password", NEW_PASSWORD);
      browser.click("reset-code-submit");
      browser.textIn("message", "Sisa percobaan: 4");
      browser.screenshot("forgot-by-sms");

      // the first code never came, say: ask for a new one once the page's wait (the server's throttle) is over
      browser.waitFor("a new code can be asked for", driver -> browser.find("reset-code-again").isEnabled());
      Set<String> beforeAgain = outbox.seen(phone);
      browser.click("reset-code-again");
      browser.textIn("message", "kode baru sedang dikirim");
      assertFalse(browser.find("reset-code-again").isEnabled(), "the next one waits again");
      String newest = outbox.awaitNewCode(phone, beforeAgain);

      browser.type("reset-code", newest);
      browser.click("reset-code-submit");
      browser.textIn("message", "Kata sandi Anda sudah diganti");
      browser.visible("signin-submit");
      assertCleanConsole(browser);
    });
    assertEquals(401, login(name, PASSWORD).status(), "the old password is gone");
    assertEquals(200, login(name, NEW_PASSWORD).status(), "the new one signs in");
  }

  @Test
  @DisplayName("a browser that prefers English gets the sign-in page in English; Indonesian is only for those who prefer it")
  void englishForBrowsersThatPreferIt() throws Exception {
    inBrowser("signin-english", app.baseUrl(), "en-US,en,fr", browser -> {
      browser.go("/");
      assertEquals("Sign in", browser.visible("signin-submit").getText());
      assertEquals("en", browser.script("return document.documentElement.lang;"));
      browser.screenshot("signin-english");
      assertCleanConsole(browser);
    });
  }

  @Test
  @DisplayName("the console's stream, ended when its access token expires, comes back with a fresh token and its last id, and shows the failure that happened meanwhile, once")
  void consoleResumesAfterItsTokenExpires() throws Exception {
    String name = unique("dewi");
    String accountId = register(name, name + "@example.id");
    MutableClock clock = new MutableClock();
    // an api process of its own, on a clock the test moves; the class's app keeps writing the audit trail
    try (RunningApp console = RunningApp.start(EnumSet.of(Role.API), Map.of("AUDIT_STREAM_HEARTBEAT_MS", "500"),
        clock)) {
      inBrowser("console-resume", console.baseUrl(), INDONESIAN_FIRST, browser -> {
        openConsoleAsAdministrator(browser);
        assertEquals(401, login(name, WRONG).status());
        browser.waitFor("the first failure in the live table", driver -> failureRows(driver, accountId).size() == 1);

        clock.advance(ACCESS_TOKEN_LIFETIME.plus(Duration.ofMinutes(1)));
        Eventually.await("the stream ended at its next heartbeat", () -> console.application().registry().scrape(),
            metrics -> metrics.matches("(?s).*\naudit_stream_dropped_total\\{reason=\"session\",?\\} [1-9].*"));
        // the console waits a second before it reconnects, and this takes a fraction of one
        assertEquals(401, login(name, WRONG).status());

        browser.waitFor("the second failure, caught up", driver -> failureRows(driver, accountId).size() == 2);
        browser.textIn("stream-status", "Tersambung");
        List<String> ids = failureRows(browser.driver(), accountId);
        assertEquals(2, Set.copyOf(ids).size(), "each failure once: " + ids);
        assertCleanConsole(browser);
      });
    }
  }

  /** /console sends a stranger to sign in and back; the administrator signs in and sees the stream connected. */
  private static void openConsoleAsAdministrator(HeadlessChromium browser) {
    browser.go("/console");
    browser.waitFor("the sign-in page, to come back to the console",
        driver -> driver.getCurrentUrl().endsWith("/?next=%2Fconsole"));
    browser.type("identifier", ADMIN);
    browser.type("password", ADMIN_PASSWORD);
    browser.click("signin-submit");
    browser.waitFor("the console", driver -> driver.getCurrentUrl().endsWith("/console"));
    browser.textIn("stream-status", "Tersambung");
  }

  /** The event ids of the account's failed logins in the console's live table. */
  private static List<String> failureRows(org.openqa.selenium.chrome.ChromeDriver driver, String accountId) {
    return driver.findElements(By.cssSelector("#stream-rows tr[data-type='login.failed']")).stream()
        .filter(row -> row.getText().contains(accountId)).map(row -> row.getDomAttribute("data-event-id")).toList();
  }

  /** The steps of a test in a fresh browser; when one fails, its screen and console are kept for the report. */
  private void inBrowser(String name, BrowserSteps steps) throws Exception {
    inBrowser(name, app.baseUrl(), INDONESIAN_FIRST, steps);
  }

  private void inBrowser(String name, String baseUrl, String acceptLanguages, BrowserSteps steps) throws Exception {
    try (HeadlessChromium browser = HeadlessChromium.open(baseUrl, acceptLanguages)) {
      try {
        steps.run(browser);
      } catch (Exception | AssertionError failure) {
        browser.keepEvidence(name);
        throw failure;
      }
    }
  }

  @FunctionalInterface
  private interface BrowserSteps {
    void run(HeadlessChromium browser) throws Exception;
  }

  /** Types into the form and submits with Enter, then waits for the answer to be shown. */
  private static void signInFromTheKeyboard(HeadlessChromium browser, String identifier, String password) {
    browser.type("identifier", identifier);
    browser.type("password", password);
    browser.find("password").sendKeys(Keys.ENTER);
    browser.waitFor("the answer to the sign-in", driver -> {
      WebElement button = driver.findElement(By.id("signin-submit"));
      return button.isEnabled() && "false".equals(button.getDomAttribute("aria-busy"));
    });
  }

  /** No refusal by the Content-Security-Policy and no script error while the pages ran. */
  private static void assertCleanConsole(HeadlessChromium browser) {
    List<String> problems = browser.consoleMessages().stream()
        .filter(line -> line.contains("Content Security Policy") || line.contains("Uncaught")
            || line.contains("Refused to"))
        .toList();
    assertEquals(List.of(), problems);
  }

  private String register(String username, String email) {
    Answer answer = api.postJson("/api/v1/accounts", new JsonObject().put("username", username).put("email", email)
        .put("password", PASSWORD).put("locale", "id"));
    assertEquals(201, answer.status(), answer.toString());
    return answer.json().getString("id");
  }

  private Answer login(String identifier, String password) {
    return api.postJson("/api/v1/auth/login", new JsonObject().put("identifier", identifier).put("password", password));
  }

  private JsonObject lockState(String accountId) {
    Answer answer = api.get("/api/v1/admin/accounts/" + accountId + "/lockout", adminToken);
    assertEquals(200, answer.status(), answer.toString());
    return answer.json();
  }

  private static String unique(String prefix) {
    return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
  }
}
