package io.mirador.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Realistic website-activity events, the traffic LinkedIn built Kafka for: page views, searches, likes and
 * comments, keyed by user, as JSON with headers. Deterministic for a given seed. Not thread-safe.
 */
public final class DemoEvents {

    public static final String PAGE_VIEWS = "demo.page-views";
    public static final String SEARCHES = "demo.searches";
    public static final String LIKES = "demo.likes";
    public static final String COMMENTS = "demo.comments";
    /** Topic and partition count of every demo topic. */
    public static final Map<String, Integer> TOPICS = Map.of(PAGE_VIEWS, 6, SEARCHES, 3, LIKES, 3, COMMENTS, 3);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PAGES = List.of("/", "/jobs", "/feed", "/profile", "/messages",
            "/search", "/company/acme", "/learning", "/notifications", "/settings");
    private static final List<String> QUERIES = List.of("kafka engineer", "stream processing", "data platform",
            "site reliability", "java developer", "remote jobs", "distributed systems", "product manager");
    private static final List<String> SOURCES = List.of("web", "ios", "android");
    private static final List<String> COMMENTS_TEXT = List.of("Congratulations!", "Great article, thanks.",
            "Interesting take on replication.", "We are hiring too!", "Could not agree more.");
    private static final List<String> COUNTRIES = List.of("US", "IN", "BR", "DE", "FR", "GB", "NL", "JP");

    private final Random random;

    public DemoEvents(long seed) {
        this.random = new Random(seed);
    }

    /** The next event: 60 % page views, 20 % searches, 12 % likes, 8 % comments. */
    public ProducerRecord<String, String> next(long timestampMs) {
        int roll = random.nextInt(100);
        String topic = roll < 60 ? PAGE_VIEWS : roll < 80 ? SEARCHES : roll < 92 ? LIKES : COMMENTS;
        String user = "user-" + (1 + random.nextInt(500));
        Map<String, Object> value = switch (topic) {
            case PAGE_VIEWS -> Map.of("type", "page_view", "userId", user, "page", pick(PAGES),
                    "referrer", pick(PAGES), "durationMs", 200 + random.nextInt(30_000),
                    "country", pick(COUNTRIES), "ts", timestampMs);
            case SEARCHES -> Map.of("type", "search", "userId", user, "query", pick(QUERIES),
                    "results", random.nextInt(2_000), "ts", timestampMs);
            case LIKES -> Map.of("type", "like", "userId", user, "postId", "post-" + random.nextInt(5_000),
                    "reaction", pick(List.of("like", "celebrate", "insightful", "love")), "ts", timestampMs);
            default -> Map.of("type", "comment", "userId", user, "postId", "post-" + random.nextInt(5_000),
                    "text", pick(COMMENTS_TEXT), "ts", timestampMs);
        };
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, timestampMs, user, json(value));
        record.headers().add(new RecordHeader("event-type", bytes(String.valueOf(value.get("type")))));
        record.headers().add(new RecordHeader("source", bytes(pick(SOURCES))));
        record.headers().add(new RecordHeader("trace-id", bytes(new UUID(random.nextLong(), random.nextLong()).toString())));
        record.headers().add(new RecordHeader("content-type", bytes("application/json")));
        return record;
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("demo event cannot be written as JSON", e);
        }
    }
}
