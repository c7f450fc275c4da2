package io.mirador.cluster.connect;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of a {@link ConnectionTester}: whether the cluster could be reached, logged into and described,
 * with a one-line plain-language {@code reason} either way. {@code clusterId} is null and {@code brokerCount} 0
 * unless the cluster answered.
 */
public record ConnectionResult(boolean ok, String reason, String clusterId, int brokerCount, Duration elapsed) {

    public ConnectionResult {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    static ConnectionResult success(String clusterId, int brokerCount, Duration elapsed) {
        return new ConnectionResult(true, "connected to cluster " + clusterId + " with " + brokerCount
                + (brokerCount == 1 ? " broker" : " brokers"), clusterId, brokerCount, elapsed);
    }

    static ConnectionResult failure(String reason, Duration elapsed) {
        return new ConnectionResult(false, reason, null, 0, elapsed);
    }
}
