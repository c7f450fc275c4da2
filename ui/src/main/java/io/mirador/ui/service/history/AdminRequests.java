package io.mirador.ui.service.history;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Requests an Admin client has put on the wire so far: its network layer's cumulative {@code request-total}
 * (group {@code admin-client-metrics}), which counts every request, lookups and ApiVersions included. The
 * difference across a sampler round is what the round cost the cluster.
 */
final class AdminRequests {

    private static final String GROUP = "admin-client-metrics";
    private static final String NAME = "request-total";

    private AdminRequests() {
    }

    static long sent(Admin admin) {
        for (Map.Entry<MetricName, ? extends Metric> e : admin.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (NAME.equals(name.name()) && GROUP.equals(name.group())
                    && e.getValue().metricValue() instanceof Number n) {
                return Math.round(n.doubleValue());
            }
        }
        return 0;
    }
}
