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
    /** The SASL_PLAINTEXT listener clients use on a secured cluster; brokers keep {@link #BROKER_LISTENER}. */
    static final String CLIENT_LISTENER = "CLIENT";
    static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    /** What brokers and the controller are to each other over the loopback PLAINTEXT listeners. */
    static final String BROKER_PRINCIPAL = "User:ANONYMOUS";
    static final int CONTROLLER_NODE = 0;

    private NodeConfigs() {
    }

    static Properties forNode(ClusterSpec spec, DataDirectory data, int nodeId, List<Integer> brokerPorts,
                              int controllerPort) {
        return forNode(spec, data, nodeId, brokerPorts, List.of(), controllerPort);
    }

    /**
     * @param brokerPorts the client ports (what {@code bootstrap.servers} lists)
     * @param internalPorts on a secured cluster, the brokers' PLAINTEXT inter-broker ports; empty otherwise
     */
    static Properties forNode(ClusterSpec spec, DataDirectory data, int nodeId, List<Integer> brokerPorts,
                              List<Integer> internalPorts, int controllerPort) {
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
        String brokerListener;
        String protocolMap = CONTROLLER_LISTENER + ":PLAINTEXT," + BROKER_LISTENER + ":PLAINTEXT";
        if (spec.secured()) {
            brokerListener = CLIENT_LISTENER + "://" + Ports.HOST + ":" + brokerPorts.get(nodeId) + ","
                    + BROKER_LISTENER + "://" + Ports.HOST + ":" + internalPorts.get(nodeId);
            protocolMap += "," + CLIENT_LISTENER + ":SASL_PLAINTEXT";
            addSasl(p, spec);
        } else {
            brokerListener = BROKER_LISTENER + "://" + Ports.HOST + ":" + brokerPorts.get(nodeId);
        }
        p.put("listeners", controller
                ? brokerListener + "," + CONTROLLER_LISTENER + "://" + Ports.HOST + ":" + controllerPort
                : brokerListener);
        p.put("advertised.listeners", brokerListener);
        p.put("listener.security.protocol.map", protocolMap);
        if (spec.authorizerEnabled()) {
            p.put("authorizer.class.name", AUTHORIZER);
            p.put("super.users", BROKER_PRINCIPAL + ";User:" + spec.adminUser().orElseThrow());
            p.put("allow.everyone.if.no.acl.found", "false");
        }
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

    private static void addSasl(Properties p, ClusterSpec spec) {
        String prefix = "listener.name." + CLIENT_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        String mechanisms = String.join(",", spec.saslMechanisms().stream().map(SaslMechanism::kafkaName).toList());
        p.put("sasl.enabled.mechanisms", mechanisms);
        p.put(prefix + "sasl.enabled.mechanisms", mechanisms);
        for (SaslMechanism m : spec.saslMechanisms()) {
            String key = prefix + m.kafkaName().toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config";
            StringBuilder jaas = new StringBuilder(m.loginModule()).append(" required");
            if (m == SaslMechanism.PLAIN) {
                // PLAIN checks passwords against user_<name> options of the broker's own login module.
                for (String user : spec.userNames()) {
                    jaas.append(" user_").append(user).append("=\"")
                            .append(spec.password(user).orElseThrow()).append('"');
                }
            }
            p.put(key, jaas.append(';').toString());
        }
    }

    /** Kafka client properties that log {@code user} in with {@code password} on the client listener. */
    static Map<String, String> clientSecurity(SaslMechanism mechanism, String user, String password) {
        Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", mechanism.kafkaName());
        props.put("sasl.jaas.config", mechanism.loginModule() + " required username=\"" + jaasEscape(user)
                + "\" password=\"" + jaasEscape(password) + "\";");
        return props;
    }

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Formatter arguments creating every user for every SCRAM mechanism, in Kafka's kafka-storage syntax. */
    static List<String> scramArguments(ClusterSpec spec) {
        List<String> args = new ArrayList<>();
        for (SaslMechanism m : spec.saslMechanisms()) {
            if (!m.isScram()) {
                continue;
            }
            for (String user : spec.userNames()) {
                args.add(m.kafkaName() + "=[name=" + user + ",password=" + spec.password(user).orElseThrow() + "]");
            }
        }
        return args;
    }

    static List<Integer> nodeIds(int brokers) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            ids.add(i);
        }
        return ids;
    }
}
