package dev.portal.login.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * What the pages promise people who cannot rely on a mouse or on perfect eyesight, measured in the
 * browser as rendered: text contrast by WCAG 2.2's formula (AA: 4.5:1, large text 3:1) on the
 * background actually behind it, a visible focus indicator on every control the keyboard reaches, and
 * a tab order that follows the form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The web pages' accessibility in headless Chromium")
class AccessibilityInChromiumTest {
  private static final String ADMIN = "a11y-admin";
  private static final String ADMIN_PASSWORD = "an administrator's long passphrase 2026";
  private static final String INDONESIAN_FIRST = "id-ID,id,en-US,en";
  /** More Tab presses than any page has controls: the walk stops once focus comes back round. */
  private static final int MAX_TABS = 60;

  /**
   * Every visible element with text of its own (and every text field) whose colour does not reach
   * the AA ratio on the composited background behind it, as "selector: ratio (needed)". Disabled
   * controls are exempt (WCAG 1.4.3); a background image behind text cannot be judged and is reported.
   */
  private static final String LOW_CONTRAST = """
      const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
        const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
      const over = (top, bottom) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1); };
      const luminance = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const backgroundOf = el => { const layers = [];
        for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e);
          if (s.backgroundImage !== 'none') return null;
          const c = parse(s.backgroundColor); if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
        let colour = [255, 255, 255, 1]; for (const layer of layers.reverse()) colour = over(layer, colour); return colour; };
      const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
      const problems = [];
      for (const el of document.body.querySelectorAll('*')) {
        if (!el.getClientRects().length) continue;
        const s = getComputedStyle(el);
        if (s.visibility === 'hidden' || parseFloat(s.opacity) === 0) continue;
        const ownText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        const field = el.matches('input:not([type=radio]):not([type=checkbox]):not([type=hidden]), textarea, select');
        if (!ownText && !field) continue;
        if (el.disabled || el.closest('[aria-disabled=true]')) continue;
        const background = backgroundOf(el);
        if (!background) { problems.push(name(el) + ': text on a background image'); continue; }
        const colour = over(parse(s.color), background);
        const [light, dark] = [luminance(colour), luminance(background)].sort((a, b) => b - a);
        const ratio = (light + 0.05) / (dark + 0.05);
        const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
        const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
        if (ratio < needed) problems.push(name(el) + ': ' + ratio.toFixed(2) + ' (' + needed + ' needed) "' + (el.textContent || el.value || '').trim().slice(0, 40) + '"');
      }
      return problems;
      """;

  /** The focused element's name and whether anything shows it: an outline, or a shadow ring. */
  private static final String FOCUSED = """
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const ringed = s.boxShadow && s.boxShadow !== 'none';
      return (el.id || el.tagName.toLowerCase() + ':' + (el.textContent || '').trim().slice(0, 30)) + (outlined || ringed ? '' : ' (no visible focus)');
      """;

  private RunningApp app;

  @BeforeAll
  void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    TestServices.get().resetNow();
    app = RunningApp.start(EnumSet.allOf(Role.class), Map.of(
        "BOOTSTRAP_ADMIN_USERNAME", ADMIN, "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD, "DEV_OUTBOX", "true"));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @DisplayName("every text on the sign-in, account and console pages, error messages included, meets WCAG AA contrast on what is behind it")
  void textContrastMeetsAa() throws Exception {
    try (HeadlessChromium browser = HeadlessChromium.open(app.baseUrl(), INDONESIAN_FIRST)) {
      List<String> problems = new ArrayList<>();
      browser.go("/");
      browser.visible("signin-submit");
      problems.addAll(lowContrast(browser, "sign-in"));

      // an error message is a state of its own, with colours of its own
      browser.type("identifier", ADMIN);
      browser.type("password", "not the administrator's password");
      browser.click("signin-submit");
      browser.waitFor("the refusal shown", driver -> !browser.find("message").getText().isBlank());
      problems.addAll(lowContrast(browser, "sign-in refused"));

      browser.type("password", ADMIN_PASSWORD);
      browser.click("signin-submit");
      browser.waitFor("the account page", driver -> driver.getCurrentUrl().endsWith("/account"));
      browser.waitFor("the sessions listed", driver -> !driver.findElements(
          By.cssSelector("#session-rows tr")).isEmpty());
      problems.addAll(lowContrast(browser, "account"));

      browser.go("/console");
      browser.textIn("stream-status", "Tersambung");
      problems.addAll(lowContrast(browser, "console"));
      assertEquals(List.of(), problems);
    }
  }

  @Test
  @DisplayName("the keyboard reaches the sign-in form in its order, every control it reaches shows its focus, and Enter signs in")
  void keyboardAloneSignsIn() throws Exception {
    try (HeadlessChromium browser = HeadlessChromium.open(app.baseUrl(), INDONESIAN_FIRST)) {
      browser.go("/");
      browser.visible("signin-submit");
      List<String> order = tabThrough(browser);
      assertTrue(order.stream().noneMatch(stop -> stop.endsWith("(no visible focus)")), "focus visible: " + order);
      List<String> form = order.stream().filter(List.of("identifier", "password", "signin-submit")::contains).toList();
      assertEquals(List.of("identifier", "password", "signin-submit"), form, "the form in reading order: " + order);

      // another device's session, so that "log out everywhere else" has something to do and is enabled
      new ApiClient(app.baseUrl()).accessToken(ADMIN, ADMIN_PASSWORD);
      // from the first field to signed in without a pointer
      browser.find("identifier").click();
      new Actions(browser.driver()).sendKeys(ADMIN).sendKeys(Keys.TAB).sendKeys(ADMIN_PASSWORD).sendKeys(Keys.ENTER)
          .perform();
      browser.waitFor("the account page", driver -> driver.getCurrentUrl().endsWith("/account"));
      browser.waitFor("the other session listed", driver -> driver.findElements(
          By.cssSelector("#session-rows tr")).size() >= 2);
      List<String> account = tabThrough(browser);
      assertTrue(account.contains("revoke-others"), "log out everywhere else is reachable: " + account);
      assertTrue(account.stream().noneMatch(stop -> stop.endsWith("(no visible focus)")), "focus visible: " + account);
    }
  }

  private static List<String> lowContrast(HeadlessChromium browser, String state) {
    @SuppressWarnings("unchecked")
    List<Object> found = (List<Object>) browser.script(LOW_CONTRAST);
    return found.stream().map(problem -> state + ": " + problem).toList();
  }

  /** The focus stops of one round of Tab from the top of the page, in order. */
  private static List<String> tabThrough(HeadlessChromium browser) {
    browser.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    List<String> stops = new ArrayList<>();
    for (int i = 0; i < MAX_TABS; i++) {
      new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
      String stop = (String) browser.script(FOCUSED);
      if (stop == null || stops.contains(stop)) {
        break;
      }
      stops.add(stop);
    }
    return stops;
  }
}
