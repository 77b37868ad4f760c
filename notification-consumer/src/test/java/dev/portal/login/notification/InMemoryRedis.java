package dev.portal.login.notification;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * The few Redis commands of this module (GET, SET, LPUSH, LTRIM, LRANGE, PING) over maps, recording
 * every command with its arguments, for unit tests that must not need a Redis server.
 */
final class InMemoryRedis implements RedisAPI {
  final Map<String, String> strings = new HashMap<>();
  final Map<String, LinkedList<String>> lists = new HashMap<>();
  final List<List<String>> commands = new ArrayList<>();

  @Override
  public Future<Response> send(Command command, String... args) {
    List<String> recorded = new ArrayList<>();
    recorded.add(command.toString().toUpperCase());
    recorded.addAll(Arrays.asList(args));
    commands.add(recorded);
    return Future.succeededFuture(switch (recorded.get(0)) {
      case "GET" -> strings.containsKey(args[0]) ? new Text(strings.get(args[0])) : null;
      case "SET" -> {
        strings.put(args[0], args[1]);
        yield new Text("OK");
      }
      case "LPUSH" -> {
        LinkedList<String> list = lists.computeIfAbsent(args[0], key -> new LinkedList<>());
        for (int i = 1; i < args.length; i++) {
          list.addFirst(args[i]);
        }
        yield new Text(Integer.toString(list.size()));
      }
      case "LTRIM" -> {
        LinkedList<String> list = lists.getOrDefault(args[0], new LinkedList<>());
        while (list.size() > Integer.parseInt(args[2]) + 1) {
          list.removeLast();
        }
        yield new Text("OK");
      }
      case "LRANGE" -> {
        List<String> list = lists.getOrDefault(args[0], new LinkedList<>());
        int end = Math.min(list.size(), Integer.parseInt(args[2]) + 1);
        yield new Items(list.subList(Integer.parseInt(args[1]), end).stream().<Response>map(Text::new).toList());
      }
      case "PING" -> new Text("PONG");
      default -> throw new UnsupportedOperationException(recorded.get(0));
    });
  }

  @Override
  public void close() {
  }

  private record Text(String text) implements Response {
    @Override
    public ResponseType type() {
      return ResponseType.BULK;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private record Items(List<Response> items) implements Response {
    @Override
    public ResponseType type() {
      return ResponseType.MULTI;
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public Response get(int index) {
      return items.get(index);
    }

    @Override
    public Iterator<Response> iterator() {
      return items.iterator();
    }

    @Override
    public String toString() {
      return items.toString();
    }
  }
}
