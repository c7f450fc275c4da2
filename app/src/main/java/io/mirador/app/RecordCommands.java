package io.mirador.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordScan;
import io.mirador.cluster.record.ScanListener;
import io.mirador.cluster.record.ScanProgress;

/** What consume, search and export share: find-by-key planning, running a scan that stops on SIGINT, progress. */
final class RecordCommands {

    private RecordCommands() {
    }

    /** Narrows {@code spec} to the key's partition when {@code key} is set; asks the cluster how many partitions. */
    static ReadSpec withKey(ReadSpec spec, String key, ClusterConnection connection) {
        if (key == null) {
            return spec;
        }
        try (ClusterClient client = new ClusterClient(connection)) {
            int partitions = client.await(client.admin().describeTopics(List.of(spec.topic())).allTopicNames(),
                    "describe topic " + spec.topic()).get(spec.topic()).partitions().size();
            return spec.forKey(key.getBytes(StandardCharsets.UTF_8), partitions);
        }
    }

    /** Runs the scan on this thread; SIGINT/SIGTERM cancel it, after which the scan returns what it has. */
    static ScanProgress run(ClusterConnection connection, ReadSpec spec, ScanListener listener) {
        RecordScan scan = new RecordScan(connection, spec, listener);
        StopSignals.onStop(scan::cancel);
        return scan.run();
    }

    static String progressLine(ScanProgress p) {
        String done = p.total() < 0 ? "live" : String.format(Locale.ROOT, "%.1f%%", 100 * p.fraction());
        return String.format(Locale.ROOT, "scanned %,d%s (%s) · %,.0f records/s · %,d matches",
                p.scanned(), p.total() < 0 ? "" : String.format(Locale.ROOT, " of %,d", p.total()), done,
                p.recordsPerSecond(), p.matched());
    }
}
