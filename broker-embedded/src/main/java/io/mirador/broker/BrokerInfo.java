package io.mirador.broker;

/** One node of an embedded cluster as a client sees it. {@code rack} is null when none is set. */
public record BrokerInfo(int id, String host, int port, String rack, boolean controller) {

    public String address() {
        return host + ":" + port;
    }
}
