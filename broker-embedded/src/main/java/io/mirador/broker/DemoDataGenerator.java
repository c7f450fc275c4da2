package io.mirador.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo topics with an hour of history, then keeps producing {@link DemoEvents} at a steady rate.
 * Runs on one daemon thread of its own; {@link #close()} stops it and flushes what was sent.
 */
public final class DemoDataGenerator implements AutoCloseable {

    /** Events written at once on start, spread over the last hour, so there is something to browse at once. */
    public static final int BACKLOG = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataGenerator.class);
    private static final long TICK_MS = 100;

    private final String bootstrapServers;
    private final double eventsPerSecond;
    private final DemoEvents events = new DemoEvents(42);
    private final AtomicLong produced = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "mirador-demo-data");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaProducer<String, String> producer;
    private double owed;

    public DemoDataGenerator(String bootstrapServers, double eventsPerSecond) {
        this.bootstrapServers = bootstrapServers;
        this.eventsPerSecond = eventsPerSecond;
    }

    /** Creates the topics, writes the backlog and starts the steady flow. Blocks until the backlog is written. */
    public void start() {
        createTopics();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mirador-demo-data");
        // Topics are created a moment before the first sends; with pipelined idempotent batches a just-started
        // broker can answer OutOfOrderSequence for good, and the demo stalls. One request in flight avoids it, and
        // the demo's few records a second need no more.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        producer = new KafkaProducer<>(p);
        long now = System.currentTimeMillis();
        for (int i = 0; i < BACKLOG; i++) {
            send(now - 3_600_000L + i * (3_600_000L / BACKLOG));
        }
        producer.flush();
        if (eventsPerSecond > 0) {
            scheduler.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Events handed to the producer so far, backlog included. */
    public long produced() {
        return produced.get();
    }

    public double eventsPerSecond() {
        return eventsPerSecond;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    private void tick() {
        try {
            owed += eventsPerSecond * TICK_MS / 1000.0;
            long now = System.currentTimeMillis();
            while (owed >= 1) {
                send(now);
                owed -= 1;
            }
        } catch (RuntimeException e) {
            // A stopped cluster must not kill the schedule; the next tick tries again.
            LOG.debug("Demo data paused: {}", e.toString());
        }
    }

    private void send(long timestamp) {
        producer.send(events.next(timestamp));
        produced.incrementAndGet();
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            DemoEvents.TOPICS.forEach((topic, partitions) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1));
                }
            });
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new SandboxException("cannot create demo topics: " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while creating demo topics", e);
        }
    }
}
