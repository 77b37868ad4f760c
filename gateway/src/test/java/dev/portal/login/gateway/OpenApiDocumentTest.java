package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

@ExtendWith(VertxExtension.class)
@DisplayName("The OpenAPI document")
class OpenApiDocumentTest {
  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> document() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<String> documentedOperations(Map<String, Object> document) {
    Set<String> operations = new TreeSet<>();
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
    paths.forEach((path, item) -> item.keySet().stream()
        .filter(HTTP_METHODS::contains)
        .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
    return operations;
  }

  /**
   * The API's paths: what the OpenAPI document describes. Web pages (/, /account, /console, /assets/...)
   * are for browsers, not API clients, and need no entry.
   */
  private static boolean isApiPath(String path) {
    return path.startsWith("/api/") || path.startsWith("/health/") || path.equals("/metrics")
        || path.startsWith("/.well-known/");
  }

  private static Set<String> routedOperations(List<Route> routes) {
    Set<String> operations = new TreeSet<>();
    for (Route route : routes) {
      if (route.getPath() == null || route.methods() == null) {
        continue; // global handlers (headers, failures) serve every path; they are not endpoints
      }
      if (!isApiPath(route.getPath())) {
        continue; // a web page route
      }
      for (HttpMethod method : route.methods()) {
        // Vert.x writes a path parameter as :id, OpenAPI as {id}
        operations.add(method.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}"));
      }
    }
    return operations;
  }

  @Test
  @DisplayName("documents exactly the API routes the gateway serves, no more and no fewer (web pages aside)")
  void matchesRouter(Vertx vertx, VertxTestContext testContext) throws IOException {
    Map<String, Object> document = document();
    TestGateway.start(vertx, List.of()).onComplete(testContext.succeeding(gateway -> testContext.verify(() -> {
      Set<String> routed = routedOperations(gateway.verticle.routes());
      Set<String> documented = documentedOperations(document);
      assertEquals(38, routed.size(), "route table changed: " + routed);
      assertEquals(routed, documented);
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("is OpenAPI 3.1 with a bearer scheme and a Problem schema")
  void declaresSecurityAndProblem() throws IOException {
    Map<String, Object> document = document();
    assertTrue(String.valueOf(document.get("openapi")).startsWith("3.1"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) document.get("components");
    assertTrue(components.get("securitySchemes").containsKey("bearer"));
    assertTrue(components.get("schemas").containsKey("Problem"));
  }

  @Test
  @DisplayName("is served at /api/v1/openapi.yaml as application/yaml")
  void served(Vertx vertx, VertxTestContext testContext) {
    TestGateway.start(vertx, List.of())
        .compose(gateway -> gateway.client.get("/api/v1/openapi.yaml").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertEquals(200, response.statusCode());
          assertTrue(response.getHeader("Content-Type").startsWith("application/yaml"));
          Map<String, Object> served = new Yaml().load(response.bodyAsString());
          assertEquals(documentedOperations(document()), documentedOperations(served));
          testContext.completeNow();
        })));
  }
}
