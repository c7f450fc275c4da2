package io.mirador.ui.service.mirroring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.ReplicationEvent;

/**
 * The one scenario both implementations of {@link MirroringService} must pass against real clusters: register
 * the clusters, copy a topic, pause (nothing more arrives), resume (the rest arrives), then status, events,
 * history and compare. Each call uses its own route and topic names so the scenario can share clusters.
 */
final class MirroringScenario {

    /** Short intervals: discovery, checkpoints and metric samples every fraction of a second. */
    static final EngineSettings FAST = new EngineSettings(500, 200, 500, 60_000, 1.5);
    private static final Duration COPY = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;

    private MirroringScenario() {
    }

    static void registerClusters(MirroringService service, TwoClusters clusters) {
        service.putCluster(MirroringClusters.sandbox("src", clusters.source.bootstrapServers()));
        service.putCluster(MirroringClusters.sandbox("dst", clusters.target.bootstrapServers()));
        // Putting the same cluster again changes nothing (and restarts no route).
        service.putCluster(MirroringClusters.sandbox("src", clusters.source.bootstrapServers()));
        assertThat(service.clusterNames()).contains("src", "dst");
    }

    static void copyPauseResumeCompare(MirroringService service, TwoClusters clusters, String route, String topic) {
        registerClusters(service, clusters);
        clusters.createTopic(clusters.source, topic, PARTITIONS);
        clusters.produce(topic, PARTITIONS, 0, 300);

        RouteDefinition created = service.createRoute(RouteDefinition.of(route, "src", "dst", topic));
        assertThat(created.name()).isEqualTo(route);
        assertThat(service.routes()).extracting(RouteDefinition::name).contains(route);
        await().atMost(COPY).until(() -> clusters.records(clusters.target, topic) == 300);
        // Caught up, so nothing is in flight once the pause is set.
        await().atMost(COPY).until(() -> service.status(route).lag() == 0);

        service.pause(route, true);
        assertThat(service.status(route).state()).isEqualTo("PAUSED");
        assertThat(service.routes()).filteredOn(r -> r.name().equals(route))
                .allSatisfy(r -> assertThat(r.isPaused()).isTrue());
        clusters.produce(topic, PARTITIONS, 300, 500);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> clusters.records(clusters.target, topic) == 300);

        service.pause(route, false);
        await().atMost(COPY).until(() -> clusters.records(clusters.target, topic) == 500);
        await().atMost(COPY).untilAsserted(() -> {
            var status = service.status(route);
            assertThat(status.state()).isEqualTo("RUNNING");
            assertThat(status.lag()).isZero();
            assertThat(status.partitions()).hasSize(PARTITIONS)
                    .allSatisfy(p -> assertThat(p.checkpoint()).isEqualTo(p.sourceEndOffset()));
            assertThat(status.copiedRecords()).isPositive();
        });
        assertThat(service.statuses()).extracting(s -> s.route()).contains(route);

        assertThat(service.events(route, 100)).extracting(ReplicationEvent::kind)
                .contains(ReplicationEvent.ROUTE_STARTED, ReplicationEvent.ROUTE_PAUSED, ReplicationEvent.ROUTE_RESUMED);
        assertThat(service.events(null, 100)).isNotEmpty();
        await().atMost(COPY).until(() -> !service.history(route, "records-per-second", "*", 0,
                System.currentTimeMillis() + 60_000).isEmpty());
        assertThat(service.history(route, "lag", topic + "/0", 0, System.currentTimeMillis() + 60_000)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.route()).isEqualTo(route));

        TopicComparison comparison = service.compare(route, topic);
        assertThat(comparison.targetTopic()).isEqualTo(topic);
        assertThat(comparison.partitions()).hasSize(PARTITIONS).allSatisfy(p -> {
            assertThat(p.targetPartition()).isEqualTo(p.sourcePartition());
            assertThat(p.targetRecords()).isEqualTo(p.sourceRecords());
            assertThat(p.checkpoint()).isEqualTo(p.sourceEndOffset());
        });
        assertThat(comparison.sourceRecords()).isEqualTo(500);
        assertThat(comparison.targetRecords()).isEqualTo(500);
    }

    /** Unknown names and invalid routes come back as one-line MirroringExceptions. */
    static void failuresAreOneLineMessages(MirroringService service, TwoClusters clusters) {
        registerClusters(service, clusters);
        assertThatThrownBy(() -> service.status("no-such-route")).isInstanceOf(MirroringException.class)
                .hasMessageContaining("no-such-route");
        assertThatThrownBy(() -> service.pause("no-such-route", true)).isInstanceOf(MirroringException.class)
                .hasMessageContaining("no-such-route");
        assertThatThrownBy(() -> service.compare("no-such-route", "t")).isInstanceOf(MirroringException.class)
                .hasMessageContaining("no-such-route");
        assertThatThrownBy(() -> service.history("no-such-route", "lag", "*", 0, 1)).isInstanceOf(MirroringException.class)
                .hasMessageContaining("no-such-route");
        assertThatThrownBy(() -> service.createRoute(RouteDefinition.of("bad", "src", "nowhere", "x")))
                .isInstanceOf(MirroringException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> service.createRoute(RouteDefinition.of("bad", "src", "dst", "(unclosed")))
                .isInstanceOf(MirroringException.class).hasMessageNotContaining("\n");
        service.createRoute(RouteDefinition.of("twice", "src", "dst", "twice-topic"));
        assertThatThrownBy(() -> service.createRoute(RouteDefinition.of("twice", "src", "dst", "twice-topic")))
                .isInstanceOf(MirroringException.class).hasMessageContaining("already exists");
        service.deleteRoute("twice");
        assertThat(service.routes()).extracting(RouteDefinition::name).doesNotContain("twice");
    }

    /**
     * Consumer group sync, failover and failback: a group committed on the source shows translated to the target;
     * failback before a failover is refused in one line; a preview changes nothing; the failover pauses the route,
     * reports no gap once caught up, and names its failback route, which failback resumes.
     */
    static void groupsFailoverAndFailback(MirroringService service, TwoClusters clusters, String route, String topic) {
        registerClusters(service, clusters);
        clusters.createTopic(clusters.source, topic, 1);
        clusters.produce(topic, 1, 0, 100);
        service.createRoute(RouteDefinition.of(route, "src", "dst", topic));
        await().atMost(COPY).until(() -> clusters.records(clusters.target, topic) == 100);
        String group = route + "-readers";
        clusters.commitGroup(group, topic, 0, 40);

        await().atMost(COPY).untilAsserted(() -> {
            RouteGroups groups = service.groups(route);
            assertThat(groups.route()).isEqualTo(route);
            assertThat(groups.lastSyncMs()).isPositive();
            assertThat(groups.groups()).filteredOn(g -> g.group().equals(group)).singleElement().satisfies(g -> {
                assertThat(g.state()).isEqualTo("SYNCED");
                assertThat(g.partitions()).singleElement().satisfies(p -> {
                    assertThat(p.sourceOffset()).isEqualTo(40);
                    assertThat(p.targetOffset()).isEqualTo(40);
                    assertThat(p.translation()).isEqualTo("EXACT");
                });
            });
        });
        assertThatThrownBy(() -> service.groups("no-such-route")).isInstanceOf(MirroringException.class)
                .hasMessageContaining("no-such-route");
        assertThatThrownBy(() -> service.failback(route)).isInstanceOf(MirroringException.class)
                .hasMessageContaining("has not failed over").hasMessageNotContaining("\n");

        var preview = service.failover(route, Duration.ofSeconds(5), true);
        assertThat(preview.preview()).isTrue();
        assertThat(preview.failbackRoute()).isNull();
        assertThat(preview.partitions()).singleElement().satisfies(p -> assertThat(p.topic()).isEqualTo(topic));
        assertThat(service.status(route).state()).isEqualTo("RUNNING");

        var report = service.failover(route, Duration.ofSeconds(5), false);
        assertThat(report.preview()).isFalse();
        assertThat(report.unmirroredRecords()).isZero();
        assertThat(report.rpoSeconds()).isZero();
        assertThat(report.groups()).extracting(g -> g.group()).contains(group);
        assertThat(report.failbackRoute()).isNotBlank();
        assertThat(service.routes()).filteredOn(r -> r.name().equals(route)).singleElement()
                .satisfies(r -> assertThat(r.isPaused()).isTrue());

        RouteDefinition reverse = service.failback(route);
        assertThat(reverse.name()).isEqualTo(report.failbackRoute());
        assertThat(reverse.source()).isEqualTo("dst");
        assertThat(reverse.target()).isEqualTo("src");
        assertThat(reverse.isPaused()).isFalse();
    }
}
