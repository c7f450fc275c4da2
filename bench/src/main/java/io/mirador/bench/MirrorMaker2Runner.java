package io.mirador.bench;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Apache Kafka MirrorMaker 2 in dedicated mode, in-process: {@code new MirrorMaker(props, ["dst"])} runs the
 * Connect herder for the flows into {@code dst} only, as {@code connect-mirror-maker.sh} does on a dst-side host.
 *
 * <p>Each run uses a fresh source alias ({@code mm2r<round>}): MM2 names the copy {@code <alias>.<topic>}
 * (DefaultReplicationPolicy) and keeps its Connect state in topics named after the alias, so every run starts
 * from scratch like a new deployment. Settings: tasks.max=2 (Mirador's 2 workers), replication factor 1 for
 * the copy and every internal topic, heartbeats, group-offset sync and ACL sync off (they do not copy data and
 * would only compete for CPU); checkpoints, topic-config sync and offset syncs stay at their defaults.
 * Producer and consumer settings are Connect's defaults as shipped, unless {@code -Dbench.mm2.tuned=true}
 * gives its producer Mirador's batching (linger 5 ms, 256 KiB batches, lz4, 5 in flight).
 *
 * <p>Class loading: connect-mirror 4.4.0 is not served, and 4.3.1's Connect runtime fails on kafka-clients 4.4.0
 * (which this JVM's brokers and Mirador need). So MM2 runs in this JVM, sharing it with the brokers like
 * Mirador does, but in a class loader of its own: kafka-clients 4.3.1 (shipped in the bench jar under mm2/)
 * first, then the bench jar for everything else (connect-*, jetty, jackson, log4j).
 */
final class MirrorMaker2Runner implements Contender {

    private final String source;
    private final String target;
    private final Backlog backlog;
    private final TargetWatch watch;
    private final boolean tuned = Boolean.getBoolean("bench.mm2.tuned");

    MirrorMaker2Runner(String source, String target, Backlog backlog, TargetWatch watch) {
        this.source = source;
        this.target = target;
        this.backlog = backlog;
        this.watch = watch;
    }

    @Override
    public String name() {
        return "MirrorMaker 2 (tasks.max=2" + (tuned ? ", tuned producer" : "") + ")";
    }

    @Override
    public CopyTime copy(int round) throws Exception {
        String alias = "mm2r" + round;
        String targetTopic = alias + "." + backlog.topic();
        ClassLoader loader = loader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> type = Class.forName("org.apache.kafka.connect.mirror.MirrorMaker", true, loader);
            Constructor<?> constructor = type.getConstructor(Map.class, List.class);
            long start = System.nanoTime();
            Object mm2 = constructor.newInstance(config(alias), List.of("dst"));
            CopyTime elapsed;
            try {
                type.getMethod("start").invoke(mm2);
                long first = watch.await(targetTopic, backlog.records(), 600_000);
                elapsed = CopyTime.since(start, first);
            } finally {
                type.getMethod("stop").invoke(mm2);
            }
            watch.delete(targetTopic);
            return elapsed;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static ClassLoader sharedLoader;

    /** One loader for all runs, so that only the first run pays MM2's class loading, as for the others. */
    private static synchronized ClassLoader loader() throws Exception {
        if (sharedLoader == null) {
            URL benchJar = MirrorMaker2Runner.class.getProtectionDomain().getCodeSource().getLocation();
            Path clients = Files.createTempFile("kafka-clients-mm2-", ".jar");
            clients.toFile().deleteOnExit();
            try (InputStream in = MirrorMaker2Runner.class.getResourceAsStream("/mm2/kafka-clients-mm2.jar")) {
                if (in == null) {
                    throw new IllegalStateException("mm2/kafka-clients-mm2.jar is not in the bench jar: build with mvn package");
                }
                Files.copy(in, clients, StandardCopyOption.REPLACE_EXISTING);
            }
            sharedLoader = new URLClassLoader("mm2", new URL[] {clients.toUri().toURL(), benchJar},
                    ClassLoader.getPlatformClassLoader());
        }
        return sharedLoader;
    }

    Map<String, String> config(String alias) {
        Map<String, String> p = new HashMap<>();
        p.put("clusters", alias + ",dst");
        p.put(alias + ".bootstrap.servers", source);
        p.put("dst.bootstrap.servers", target);
        p.put(alias + "->dst.enabled", "true");
        p.put("dst->" + alias + ".enabled", "false");
        p.put(alias + "->dst.topics", java.util.regex.Pattern.quote(backlog.topic()));
        p.put("tasks.max", "2");
        p.put("replication.factor", "1");
        for (String internal : List.of("checkpoints.topic", "heartbeats.topic", "offset-syncs.topic",
                "config.storage", "offset.storage", "status.storage")) {
            p.put(internal + ".replication.factor", "1");
        }
        // Heartbeats off. Checkpoints stay at their default: turning them off makes dedicated mode log an
        // error for the checkpoint connector it still tries to configure; with no consumer groups they cost little.
        p.put("emit.heartbeats.enabled", "false");
        p.put("sync.group.offsets.enabled", "false");
        p.put("sync.topic.acls.enabled", "false");
        if (tuned) {
            p.put("dst.producer.linger.ms", "5");
            p.put("dst.producer.batch.size", String.valueOf(256 * 1024));
            p.put("dst.producer.compression.type", "lz4");
            p.put("dst.producer.max.in.flight.requests.per.connection", "5");
        }
        return p;
    }
}
