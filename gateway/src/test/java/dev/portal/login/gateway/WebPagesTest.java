package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Web pages")
class WebPagesTest {
  private static final Pattern ASSET_REFERENCE = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
  private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern I18N_KEY = Pattern.compile("data-i18n(?:-label|-alt)?=\"([^\"]+)\"");
  private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([a-z-]+\\.js)'");

  @Test
  @DisplayName("every page is served as UTF-8 HTML with the strict page policy, revalidated on each visit")
  void pagesWithStrictPolicy(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, List.of())
        .compose(gateway -> Future.all(WebPages.PAGES.keySet().stream()
            .map(path -> gateway.client.get(path).send().map(response -> {
              testContext.verify(() -> {
                assertEquals(200, response.statusCode(), path);
                assertEquals("text/html; charset=utf-8", response.getHeader("Content-Type"), path);
                assertEquals(SecurityHeadersHandler.PAGE_POLICY, response.getHeader("Content-Security-Policy"), path);
                assertEquals("no-cache", response.getHeader("Cache-Control"), path);
                assertEquals("nosniff", response.getHeader("X-Content-Type-Options"), path);
                assertEquals("DENY", response.getHeader("X-Frame-Options"), path);
                assertEquals("same-origin", response.getHeader("Cross-Origin-Opener-Policy"), path);
                assertNotNull(response.getHeader("Permissions-Policy"), path);
                assertNotNull(response.getHeader("Strict-Transport-Security"), path);
                assertTrue(response.bodyAsString().startsWith("<!DOCTYPE html>"), path);
              });
              return response;
            })).toList()))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("the pages' policy allows scripts, styles and connections from this origin only and inline images only as data: URIs")
  void pagePolicyContents() {
    String policy = SecurityHeadersHandler.PAGE_POLICY;
    assertTrue(policy.contains("default-src 'none'"));
    assertTrue(policy.contains("script-src 'self';"));
    assertTrue(policy.contains("style-src 'self';"));
    assertTrue(policy.contains("img-src 'self' data:;"));
    assertTrue(policy.contains("connect-src 'self';"));
    assertTrue(policy.contains("frame-ancestors 'none'"));
    assertTrue(policy.contains("base-uri 'none'"));
    assertFalse(policy.contains("unsafe-inline"), "no inline script or style");
    assertFalse(policy.contains("unsafe-eval"));
    assertFalse(policy.contains("http"), "no other origin");
  }

  @Test
  @DisplayName("the API keeps its own policy (nothing allowed) and no-store, so the page policy is not on JSON answers")
  void apiKeepsItsPolicy(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, List.of())
        .compose(gateway -> gateway.client.get("/api/v1/openapi.yaml").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          assertEquals(SecurityHeadersHandler.API_POLICY, response.getHeader("Content-Security-Policy"));
          assertEquals("no-store", response.getHeader("Cache-Control"));
          assertNull(response.getHeader("Cross-Origin-Opener-Policy"));
          assertNotNull(response.getHeader("Strict-Transport-Security"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("each asset a page names is served with its type, a short max-age and Last-Modified for revalidation")
  void assetsOfEveryPage(Vertx vertx, VertxTestContext testContext) {
    Set<String> assets = new LinkedHashSet<>();
    WebPages.PAGES.values().forEach(file -> {
      Matcher match = ASSET_REFERENCE.matcher(resource("web/" + file));
      while (match.find()) {
        assets.add(match.group(1));
      }
    });
    assertTrue(assets.containsAll(List.of("/assets/site.css", "/assets/signin.js", "/assets/account.js",
        "/assets/console.js", "/assets/reset-password.js", "/assets/verify-email.js")), assets.toString());
    assets.addAll(List.of("/assets/api.js", "/assets/i18n.js"));
    TestGateway.start(vertx, List.of())
        .compose(gateway -> Future.all(assets.stream().map(path -> gateway.client.get(path).send()
            .map(response -> {
              testContext.verify(() -> assertAsset(path, response));
              return response;
            })).toList()))
        .onComplete(testContext.succeedingThenComplete());
  }

  private static void assertAsset(String path, HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), path);
    String type = response.getHeader("Content-Type");
    if (path.endsWith(".css")) {
      assertTrue(type.startsWith("text/css"), path + " " + type);
    } else {
      assertTrue(type.startsWith("text/javascript") || type.startsWith("application/javascript"), path + " " + type);
    }
    String caching = response.getHeader("Cache-Control");
    assertTrue(caching != null && caching.contains("max-age=300"), path + " " + caching);
    assertNotNull(response.getHeader("Last-Modified"), path);
    assertEquals(SecurityHeadersHandler.PAGE_POLICY, response.getHeader("Content-Security-Policy"), path);
  }

  @Test
  @DisplayName("an unknown asset and the assets directory itself answer the router's 404 problem, never a listing")
  void noListingAndProblemFor404(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, List.of())
        .compose(gateway -> gateway.client.get("/assets/no-such-file.js").send()
            .compose(missing -> gateway.client.get("/assets/").send().map(listing -> List.of(missing, listing))))
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          for (HttpResponse<Buffer> response : responses) {
            assertEquals(404, response.statusCode());
            assertEquals(ProblemRenderer.PROBLEM_JSON, response.getHeader("Content-Type"));
            assertEquals("/problems/not-found", response.bodyAsJsonObject().getString("type"));
          }
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("a path outside the assets cannot be reached through them")
  void noTraversal(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, List.of())
        .compose(gateway -> gateway.client.get("/assets/%2e%2e/index.html").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertFalse(response.statusCode() == 200 && response.bodyAsString().contains("<!DOCTYPE html>"),
              "the page must not come back through /assets/");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("no page carries inline script, inline style or anything from another origin, which the policy would block")
  void nothingInline() {
    for (String file : WebPages.PAGES.values()) {
      String html = resource("web/" + file);
      Matcher scripts = SCRIPT_TAG.matcher(html);
      while (scripts.find()) {
        String tag = scripts.group();
        assertTrue(tag.contains("src=\"/assets/") && tag.contains("type=\"module\""), file + ": " + tag);
      }
      assertFalse(html.matches("(?s).*<script[^>]*>[^<]+</script>.*"), file + ": inline script");
      assertFalse(html.contains("<style"), file + ": inline style element");
      assertFalse(html.contains(" style="), file + ": style attribute");
      assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), file + ": inline event handler");
      assertFalse(html.contains("http://") || html.contains("https://") || html.contains("//cdn"), file + ": other origin");
    }
  }

  @Test
  @DisplayName("a form submitted before its script runs posts, and sends no password or code, so no secret lands in a URL")
  void noSecretInAUrl() {
    Pattern form = Pattern.compile("<form\\b[^>]*>");
    Pattern secretInput = Pattern.compile("<input\\b[^>]*(?:type=\"password\"|autocomplete=\"one-time-code\")[^>]*>");
    for (String file : WebPages.PAGES.values()) {
      String html = resource("web/" + file);
      Matcher forms = form.matcher(html);
      while (forms.find()) {
        assertTrue(forms.group().contains("method=\"post\""), file + ": " + forms.group());
      }
      Matcher secrets = secretInput.matcher(html);
      while (secrets.find()) {
        assertFalse(secrets.group().contains(" name="), file + ": " + secrets.group());
      }
    }
  }

  @Test
  @DisplayName("every text key a page or script uses has an Indonesian and an English text")
  void everyKeyInBothLanguages() {
    String dictionary = resource("web/assets/i18n.js");
    int english = dictionary.indexOf("\n  en: {");
    assertTrue(english > 0, "i18n.js has an en block");
    String indonesianBlock = dictionary.substring(0, english);
    String englishBlock = dictionary.substring(english);
    List<String> missing = new ArrayList<>();
    for (String key : usedKeys()) {
      if (!indonesianBlock.contains("'" + key + "':")) {
        missing.add("id " + key);
      }
      if (!englishBlock.contains("'" + key + "':")) {
        missing.add("en " + key);
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  @DisplayName("the words the portals' users know are there: Masuk / Sign in, Lupa kata sandi? / Forgot password?")
  void knownWords() {
    String dictionary = resource("web/assets/i18n.js");
    for (String text : List.of("'Masuk'", "'Sign in'", "'Lupa kata sandi?'", "'Forgot password?'", "'Kata sandi'",
        "'Kode verifikasi'", "Akun Anda terkunci sementara", "Your account is temporarily locked",
        "'Aktivitas terbaru'", "'Recent activity'", "hubungi layanan bantuan", "contact support")) {
      assertTrue(dictionary.contains(text), text);
    }
  }

  @Test
  @DisplayName("every module a page script imports exists")
  void importsResolve() {
    for (String script : List.of("signin.js", "account.js", "console.js", "reset-password.js", "verify-email.js",
        "api.js", "new-password.js")) {
      Matcher imports = MODULE_IMPORT.matcher(resource("web/assets/" + script));
      while (imports.find()) {
        assertNotNull(WebPagesTest.class.getClassLoader().getResource("web/assets/" + imports.group(1)),
            script + " imports " + imports.group(1));
      }
    }
  }

  /** data-i18n keys in the pages, and t('key') / say(t('key')) calls with a literal key in the scripts. */
  private static Set<String> usedKeys() {
    Set<String> keys = new LinkedHashSet<>();
    WebPages.PAGES.values().forEach(file -> {
      Matcher match = I18N_KEY.matcher(resource("web/" + file));
      while (match.find()) {
        keys.add(match.group(1));
      }
    });
    Pattern literalCall = Pattern.compile("\\bt\\('([a-z0-9.-]+)'");
    for (String script : List.of("signin.js", "account.js", "console.js", "reset-password.js", "verify-email.js",
        "api.js", "new-password.js")) {
      Matcher match = literalCall.matcher(resource("web/assets/" + script));
      while (match.find()) {
        keys.add(match.group(1));
      }
    }
    return keys;
  }

  @Test
  @DisplayName("every form control of every page has a label a screen reader announces, and every image a text alternative")
  void everyControlIsLabelled() {
    Pattern control = Pattern.compile("<(input|select|textarea)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    Pattern image = Pattern.compile("<img\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    int controls = 0;
    for (String page : List.of("index.html", "account.html", "console.html", "reset-password.html",
        "verify-email.html")) {
      String html = resource("web/" + page);
      Matcher found = control.matcher(html);
      while (found.find()) {
        String attributes = found.group(2);
        if (attributes.matches("(?s).*\\btype=\"(hidden|submit|button)\".*")) {
          continue;
        }
        controls++;
        String id = attribute(attributes, "id");
        boolean labelled = attributes.contains("aria-label=") || attributes.contains("aria-labelledby=")
            || id != null && html.contains("<label for=\"" + id + "\"");
        assertTrue(labelled, page + ": no label for <" + found.group(1) + attributes + ">");
      }
      Matcher img = image.matcher(html);
      while (img.find()) {
        assertTrue(img.group(1).contains("alt="), page + ": an image without alt: " + img.group());
      }
    }
    assertTrue(controls > 20, "the pages' controls were found: " + controls);
  }

  private static String attribute(String attributes, String name) {
    Matcher value = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attributes);
    return value.find() ? value.group(1) : null;
  }

  private static String resource(String name) {
    try (InputStream in = WebPagesTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, "missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
