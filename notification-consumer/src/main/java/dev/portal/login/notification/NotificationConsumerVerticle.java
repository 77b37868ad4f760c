package dev.portal.login.notification;

import dev.portal.login.consumer.ConsumerLoop;
import dev.portal.login.consumer.ConsumerMeters;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification consumer: reads {@link Topics#NOTIFICATIONS} in its consumer group and delivers each
 * message by e-mail (SMTP) or SMS (HTTP webhook), or, with DEV_OUTBOX on, into the development outbox,
 * whose contents it then also answers at {@link Addresses#NOTIFICATION_DEV_OUTBOX}. Reads account
 * contacts from PostgreSQL and keeps delivery marks in Redis. Answers health at
 * {@code Addresses.health("notification-consumer")}.
 */
public final class NotificationConsumerVerticle extends VerticleBase {
  public static final String COMPONENT = "notification-consumer";
  private static final int REDIS_POOL_SIZE = 16;
  private static final int REDIS_POOL_WAITING_PER_MESSAGE = 8;
  private static final Logger LOG = LoggerFactory.getLogger(NotificationConsumerVerticle.class);

  private final NotificationConfig config;
  private final ServiceEndpoints endpoints;
  private final MeterRegistry registry;
  /** Closed in reverse order on stop, whatever got created. */
  private final List<Supplier<Future<?>>> closers = new ArrayList<>();

  private ConsumerLoop<OpenedNotification> loop;

  public NotificationConsumerVerticle(NotificationConfig config, ServiceEndpoints endpoints, MeterRegistry registry) {
    this.config = config;
    this.endpoints = endpoints;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    // compose: whatever fails while setting up, thrown or not, closes what was already opened
    return Future.<Void>succeededFuture()
        .compose(ignored -> startDelivering())
        .onSuccess(started -> LOG.info("Notification consumer started in group {}", config.consumer().groupId()))
        .recover(failure -> stop().transform(closed -> Future.failedFuture(failure)));
  }

  private Future<Void> startDelivering() {
    TemplateCatalogue catalogue = TemplateCatalogue.load();
    RedisAPI redis = redis();
    PostgresContactDirectory contacts = new PostgresContactDirectory(postgres());
    DevOutbox outbox = new DevOutbox(redis, config.devOutboxSize());
    DeliveryChannels channels = config.devOutbox()
        ? DeliveryChannels.devOutbox(new DevOutboxChannel(outbox)) : DeliveryChannels.sending(smtp(), sms());
    KafkaDeadLetterPublisher deadLetters =
        KafkaDeadLetterPublisher.create(vertx, endpoints.kafka().bootstrapServers(), config.consumer());
    closers.add(deadLetters::close);
    NotificationDelivery delivery = new NotificationDelivery(catalogue, contacts,
        new RedisDeliveryMarks(redis, config.deliveredTtl()), channels, deadLetters,
        new DeliveryMeters(registry, channels.labels()));
    loop = ConsumerLoop.create(vertx, endpoints.kafka().bootstrapServers(), config.consumer(),
            Set.of(Topics.NOTIFICATIONS), new NotificationReader(config.seal(), catalogue), delivery::deliverAll,
            ConsumerMeters.register(registry, "notification"))
        .describingFailuresWith(FailureDescriptions::describe);
    NotificationHealth health =
        new NotificationHealth(loop::joinedGroup, contacts::probe, redis, config.healthTimeout());
    LOG.info("Notification consumer delivers through {}", channels.labels());
    return vertx.eventBus().consumer(Addresses.health(COMPONENT), health::handle).completion()
        .compose(registered -> config.devOutbox() ? openOutbox(outbox) : Future.<Void>succeededFuture())
        .compose(opened -> loop.start());
  }

  private Future<Void> openOutbox(DevOutbox outbox) {
    LOG.warn("DEV_OUTBOX is on: messages are NOT sent but kept with their codes and links in clear in Redis ({}) "
        + "and readable at GET /api/v1/dev/outbox. Development only.", endpoints.redis());
    return vertx.eventBus().consumer(Addresses.NOTIFICATION_DEV_OUTBOX, new DevOutboxRequests(outbox)::handle)
        .completion();
  }

  private RedisAPI redis() {
    // every message of a batch is in flight at once, each with a few Redis calls: the Vert.x defaults
    // (6 connections, 24 waiting) refused most of a 50-message batch under a backlog
    Redis client = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(endpoints.redis().connectionString()).setPoolName(COMPONENT)
        .setMaxPoolSize(REDIS_POOL_SIZE)
        .setMaxPoolWaiting(REDIS_POOL_WAITING_PER_MESSAGE * config.consumer().maxPollRecords()));
    closers.add(client::close);
    return RedisAPI.api(client);
  }

  private Pool postgres() {
    ServiceEndpoints.Postgres pg = endpoints.postgres();
    Pool pool = PgBuilder.pool()
        .with(new io.vertx.sqlclient.PoolOptions().setMaxSize(config.postgresPoolSize()).setName(COMPONENT))
        .connectingTo(new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
            .setUser(pg.user()).setPassword(pg.password()))
        .using(vertx)
        .build();
    closers.add(pool::close);
    return pool;
  }

  private DeliveryChannel smtp() {
    MailClient client = MailClient.create(vertx, config.smtp().toMailConfig());
    closers.add(client::close);
    return new SmtpChannel(client, config.smtp().from());
  }

  private DeliveryChannel sms() {
    if (!config.sms().configured()) {
      LOG.warn("SMS_WEBHOOK_URL is not set: SMS messages will be dead-lettered");
      return new RefusingChannel(SmsWebhookChannel.LABEL, "no sms webhook configured (SMS_WEBHOOK_URL)");
    }
    WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("portal-login-notifications"),
        new PoolOptions().setHttp1MaxSize(config.sms().maxConnections()));
    closers.add(() -> {
      client.close();
      return Future.succeededFuture();
    });
    return new SmsWebhookChannel(vertx, client, config.sms());
  }

  @Override
  public Future<?> stop() {
    Future<?> stopped = loop == null ? Future.succeededFuture() : loop.stop();
    for (int i = closers.size() - 1; i >= 0; i--) {
      Supplier<Future<?>> closer = closers.get(i);
      stopped = stopped.eventually(closer::get);
    }
    closers.clear();
    loop = null;
    return stopped;
  }
}
