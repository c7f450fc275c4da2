package io.mirador.replicator.engine;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders route and partition metrics in Prometheus' text exposition format (version 0.0.4). Every metric
 * carries HELP and TYPE lines and {@code route} (and {@code topic}, {@code partition}) labels.
 */
final class PrometheusFormat {

    private PrometheusFormat() {
    }

    static String render(List<RouteStatus> routes) {
        return render(routes, java.util.Map.of(), System.currentTimeMillis());
    }

    /**
     * @param lastGroupSyncMs when each route's last group offset sync round finished (0: none yet); routes that do
     *                        not sync groups are absent
     */
    static String render(List<RouteStatus> routes, java.util.Map<String, Long> lastGroupSyncMs, long nowMs) {
        StringBuilder out = new StringBuilder();
        header(out, "mirador_route_group_sync_age_seconds", "gauge",
                "Seconds since the route's last consumer group offset sync round finished; NaN before the first.");
        for (RouteStatus r : routes) {
            Long last = lastGroupSyncMs.get(r.route());
            if (last != null) {
                out.append("mirador_route_group_sync_age_seconds{route=\"").append(escape(r.route())).append("\"} ")
                        .append(number(last == 0 ? Double.NaN : (nowMs - last) / 1000.0)).append('\n');
            }
        }
        routeMetric(out, routes, "mirador_route_lag_records", "gauge",
                "Offset lag of the route: source end offsets minus checkpoints, summed over partitions.", RouteStatus::lag);
        routeMetric(out, routes, "mirador_route_records_per_second", "gauge",
                "Records copied per second over the last metrics window.", RouteStatus::recordsPerSecond);
        routeMetric(out, routes, "mirador_route_bytes_per_second", "gauge",
                "Bytes of keys and values copied per second over the last metrics window.", RouteStatus::bytesPerSecond);
        routeMetric(out, routes, "mirador_route_latency_p50_ms", "gauge",
                "Median replication latency (target ack time minus record timestamp) in the last window.", RouteStatus::latencyP50Ms);
        routeMetric(out, routes, "mirador_route_latency_p99_ms", "gauge",
                "99th percentile replication latency in the last window.", RouteStatus::latencyP99Ms);
        routeMetric(out, routes, "mirador_route_copied_records_total", "counter",
                "Records copied and acknowledged since the route started in this process.", RouteStatus::copiedRecords);
        routeMetric(out, routes, "mirador_route_lost_records_total", "counter",
                "Source records deleted (retention, deleteRecords) before they could be copied: reported gaps.",
                RouteStatus::lostRecords);
        routeMetric(out, routes, "mirador_route_stalls_total", "counter",
                "Times a partition (lag, no progress for stuck.after.ms) or a target topic was found stalled.",
                RouteStatus::stalls);
        routeMetric(out, routes, "mirador_route_up", "gauge",
                "1 when the route is running or paused without error, else 0.",
                r -> r.error() == null && ("RUNNING".equals(r.state()) || "PAUSED".equals(r.state())) ? 1 : 0);
        partitionMetric(out, routes, "mirador_partition_lag_records", "Offset lag of one source partition.", PartitionStatus::lag);
        partitionMetric(out, routes, "mirador_partition_records_per_second", "Records copied per second for one partition.",
                PartitionStatus::recordsPerSecond);
        partitionMetric(out, routes, "mirador_partition_lost_records", "Source records of one partition deleted before they"
                + " could be copied.", PartitionStatus::lostRecords);
        partitionMetric(out, routes, "mirador_partition_loop_skipped_records", "Records of one partition the loop guard"
                + " did not copy: they had been in the target cluster and topic, or another route copies them there.",
                PartitionStatus::loopSkipped);
        partitionMetric(out, routes, "mirador_partition_stalled", "1 while the partition is stalled, else 0.",
                p -> "STALLED".equals(p.state()) ? 1 : 0);
        partitionMetric(out, routes, "mirador_partition_checkpoint_offset", "Next source offset to copy (the checkpoint).",
                PartitionStatus::checkpoint);
        return out.toString();
    }

    private static void routeMetric(StringBuilder out, List<RouteStatus> routes, String name, String type, String help,
                                    ToDoubleFunction<RouteStatus> value) {
        header(out, name, type, help);
        for (RouteStatus r : routes) {
            out.append(name).append("{route=\"").append(escape(r.route())).append("\"} ")
                    .append(number(value.applyAsDouble(r))).append('\n');
        }
    }

    private static void partitionMetric(StringBuilder out, List<RouteStatus> routes, String name, String help,
                                        ToDoubleFunction<PartitionStatus> value) {
        header(out, name, "gauge", help);
        for (RouteStatus r : routes) {
            for (PartitionStatus p : r.partitions()) {
                out.append(name).append("{route=\"").append(escape(r.route())).append("\",topic=\"")
                        .append(escape(p.topic())).append("\",partition=\"").append(p.partition()).append("\"} ")
                        .append(number(value.applyAsDouble(p))).append('\n');
            }
        }
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
