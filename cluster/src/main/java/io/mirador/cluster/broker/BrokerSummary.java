package io.mirador.cluster.broker;

/**
 * One broker row of the Overview. {@code rack} is null when unset; {@code replicas} counts every replica it
 * hosts; {@code logDirBytes} is -1 when the broker did not report its log directories.
 */
public record BrokerSummary(int id, String host, int port, String rack, int partitionsLed,
                            int replicas, long logDirBytes) {

    public String address() {
        return host + ":" + port;
    }
}
