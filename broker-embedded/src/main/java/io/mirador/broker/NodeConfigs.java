package io.mirador.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Broker properties for every node of an embedded cluster. Node 0 is both broker and the single KRaft
 * controller (combined mode, like a development install of Kafka); nodes 1..N-1 are brokers only.
 * Replication factors of internal topics follow the broker count so that one broker is enough for
 * consumer groups, transactions and share groups.
 */
final class NodeConfigs {

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final int CONTROLLER_NODE = 0;

    private NodeConfigs() {
    }

    static Properties forNode(ClusterSpec spec, DataDirectory data, int nodeId, List<Integer> brokerPorts,
                              int controllerPort) {
        int brokers = spec.brokers();
        String internalRf = Integer.toString(Math.min(3, brokers));
        String internalMinIsr = Integer.toString(Math.min(2, brokers));
        boolean controller = nodeId == CONTROLLER_NODE;

        Properties p = new Properties();
        p.put("node.id", Integer.toString(nodeId));
        p.put("process.roles", controller ? "broker,controller" : "broker");
        p.put("controller.quorum.voters", CONTROLLER_NODE + "@" + Ports.HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        String brokerListener = BROKER_LISTENER + "://" + Ports.HOST + ":" + brokerPorts.get(nodeId);
        p.put("listeners", controller
                ? brokerListener + "," + CONTROLLER_LISTENER + "://" + Ports.HOST + ":" + controllerPort
                : brokerListener);
        p.put("advertised.listeners", brokerListener);
        p.put("listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT," + BROKER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", data.nodeDir(nodeId).toString());

        p.put("offsets.topic.replication.factor", internalRf);
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", internalRf);
        p.put("transaction.state.log.min.isr", internalMinIsr);
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", internalRf);
        p.put("share.coordinator.state.topic.min.isr", internalMinIsr);
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");

        // Several clusters share one JVM and a laptop: keep each node's thread pools small.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("num.replica.fetchers", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        // Let a sandbox broker go away quickly on stop instead of waiting out the default 5 s retries.
        p.put("controlled.shutdown.enable", "true");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "6000");

        for (Map.Entry<String, String> e : spec.brokerOverrides().entrySet()) {
            p.put(e.getKey(), e.getValue());
        }
        return p;
    }

    static List<Integer> nodeIds(int brokers) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            ids.add(i);
        }
        return ids;
    }
}
