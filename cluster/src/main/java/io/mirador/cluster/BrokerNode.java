package io.mirador.cluster;

/** A broker as the cluster reports it. {@code rack} is null when unset. */
public record BrokerNode(int id, String host, int port, String rack) {

    public String address() {
        return host + ":" + port;
    }
}
