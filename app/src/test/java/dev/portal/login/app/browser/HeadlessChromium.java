package dev.portal.login.app.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven headless through its chromedriver, at a phone's width. Selenium Manager
 * never runs: both binaries are named, so nothing is downloaded. Where either is missing, the test
 * is skipped (not failed) with the reason printed.
 */
final class HeadlessChromium implements AutoCloseable {
  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver");
  /** A small phone: every page must work at this width. */
  static final int PHONE_WIDTH = 360;
  private static final int PHONE_HEIGHT = 800;
  /** Only turns a page that never reaches the expected state into a failure; no test asserts speed. */
  static final Duration HANG_LIMIT = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private final String baseUrl;
  private final Path scratch;

  private HeadlessChromium(ChromeDriver driver, String baseUrl, Path scratch) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, HANG_LIMIT);
    this.baseUrl = baseUrl;
    this.scratch = scratch;
  }

  /** Skips the calling test (JUnit assumption) unless both chromium and chromedriver are installed. */
  static void assumeInstalled() {
    for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(Path.of(binary))) {
        String reason = new File(binary).getName() + " not found at " + binary
            + "; install chromium and chromium-driver (.ci/run does)";
        System.out.println("[browser tests] skipped: " + reason);
        Assumptions.abort(reason);
      }
    }
  }

  /** A fresh browser (no cookies, no storage) preferring Indonesian, as the portals' users' browsers do. */
  static HeadlessChromium open(String baseUrl, String acceptLanguages) throws IOException {
    assumeInstalled();
    // the profile and Chromium's own temporary directories (which a quit leaves behind) go into one
    // directory of this browser's, removed on close; under the system's temporary directory, not the
    // build's, because Chromium's singleton socket path must stay under the 108 bytes a socket name holds
    Path scratch = Files.createTempDirectory(Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp")), "chromium-");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--lang=" + acceptLanguages.split(",")[0], "--user-data-dir=" + scratch.resolve("profile"));
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
        .withEnvironment(Map.of("TMPDIR", scratch.toString())).build();
    HeadlessChromium browser = new HeadlessChromium(new ChromeDriver(service, options), baseUrl, scratch);
    browser.viewport(PHONE_HEIGHT);
    return browser;
  }

  /** A phone's screen: a real window cannot be made this narrow, so the page is told so by emulation. */
  private void viewport(long height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", PHONE_WIDTH, "height", height, "deviceScaleFactor", 1, "mobile", true));
  }

  ChromeDriver driver() {
    return driver;
  }

  void go(String path) {
    driver.get(baseUrl + path);
  }

  WebElement find(String id) {
    return driver.findElement(By.id(id));
  }

  /** Waits until the element is visible, then returns it. */
  WebElement visible(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  /** Waits until the element's text contains the text (the aria-live message, a table cell…). */
  WebElement textIn(String id, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    return find(id);
  }

  void type(String id, String text) {
    WebElement input = visible(id);
    input.clear();
    input.sendKeys(text);
  }

  void click(String id) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
  }

  void waitFor(String what, java.util.function.Function<ChromeDriver, Boolean> condition) {
    wait.withMessage(what).until(d -> condition.apply(driver));
  }

  Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  /** Whether the page is wider than the window: a phone would have to scroll sideways. */
  boolean overflowsSideways() {
    return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth;");
  }

  /** Saves the whole page into target/screenshots/&lt;name&gt;.png of the app module. */
  Path screenshot(String name) throws IOException {
    Path directory = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    Files.createDirectories(directory);
    Path file = directory.resolve(name + ".png");
    // the whole page, not only the first screen: stretch the viewport to the page for the picture
    long pageHeight = ((Number) script("return Math.ceil(document.documentElement.scrollHeight);")).longValue();
    viewport(Math.max(PHONE_HEIGHT, pageHeight));
    try {
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      // a screenshot is part of the build's output: an empty or broken one must fail the test, not pass unseen
      if (png.length < 1024 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
        throw new IOException("Chromium gave no PNG screenshot for " + name + " (" + png.length + " bytes)");
      }
      Files.write(file, png);
    } finally {
      viewport(PHONE_HEIGHT);
    }
    return file;
  }

  /** After a failure: the screen as &lt;name&gt;-failed.png and the page's console on standard output. */
  void keepEvidence(String name) {
    try {
      System.out.println("[browser tests] " + name + " failed on " + driver.getCurrentUrl() + "; screenshot "
          + screenshot(name + "-failed") + "; console: " + String.join(" | ", consoleMessages()));
    } catch (IOException | RuntimeException e) {
      System.out.println("[browser tests] no evidence kept for " + name + ": " + e);
    }
  }

  /** What the page logged to its console: CSP refusals and script errors show up here. */
  List<String> consoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      // deepest first; a file Chromium still removes itself may be gone already. A leftover is reported,
      // not failed on: it says nothing about the pages
      try (var paths = Files.walk(scratch)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        System.out.println("[browser tests] could not remove " + scratch + ": " + e);
      }
    }
  }
}
