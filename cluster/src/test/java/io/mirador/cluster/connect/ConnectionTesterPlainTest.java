package io.mirador.cluster.connect;

import static io.mirador.cluster.connect.ConnectionTesterSecuredTest.assertFailed;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.broker.SaslMechanism;
import io.mirador.cluster.ClusterConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Connection tests against a plain cluster, a closed port and a host name that cannot exist. */
@Tag("integration")
class ConnectionTesterPlainTest {

    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static final Duration SHORT_BUDGET = Duration.ofSeconds(4);

    private static EmbeddedKafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("conn-plain").build());
        cluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.stop();
    }

    @Test
    void plainClusterConnectsWithoutAnAuthorizer() {
        ConnectionResult result = ConnectionTester.test(new ClusterConnection("plain", cluster.bootstrapServers()));
        assertThat(result.ok()).as(result.reason()).isTrue();
        assertThat(result.clusterId()).isEqualTo(cluster.clusterId());
        assertThat(result.brokerCount()).isEqualTo(1);
        assertThat(result.elapsed()).isLessThan(BUDGET);
    }

    @Test
    void closedPortIsRefusedAtOnceAndSaysSo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        ConnectionResult result = ConnectionTester.test(new ClusterConnection("gone", "127.0.0.1:" + port), BUDGET);
        assertFailed(result, BUDGET);
        assertThat(result.reason())
                .as("refused at once: not 'within 10 s'")
                .isEqualTo("nothing listens at 127.0.0.1:" + port + " (connection refused): is the broker running, and is"
                        + " the port right?");
    }

    @Test
    void unknownHostIsNamed() {
        ConnectionResult result = ConnectionTester.test(
                new ClusterConnection("typo", "no-such-host.invalid:9092"), BUDGET);
        assertFailed(result, BUDGET);
        assertThat(result.reason()).isIn(
                "unknown host name no-such-host.invalid: check the spelling of the bootstrap servers and the network's DNS",
                "host name no-such-host.invalid could not be resolved within 10 s: check the name and the network's DNS");
    }

    @Test
    void tlsClientToAPlaintextListenerFailsTheHandshake() {
        ConnectionResult result = ConnectionTester.test(new ClusterConnection("tls", cluster.bootstrapServers(),
                Map.of("security.protocol", "SSL")), SHORT_BUDGET);
        assertFailed(result, SHORT_BUDGET);
        assertThat(result.reason()).isEqualTo("the listener at " + cluster.bootstrapServers()
                + " does not speak TLS: check security.protocol (it is SSL; try PLAINTEXT)");
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void saslClientToAPlaintextListenerIsAProtocolMismatch() {
        ConnectionResult result = ConnectionTester.test(new ClusterConnection("sasl", cluster.bootstrapServers(),
                EmbeddedKafkaCluster.clientProperties(SaslMechanism.SCRAM_SHA_256, "alice", "alice-secret")),
                SHORT_BUDGET);
        assertFailed(result, SHORT_BUDGET);
        assertThat(result.reason()).isEqualTo("the listener at " + cluster.bootstrapServers()
                + " does not expect a SASL log-in: check security.protocol (it is SASL_PLAINTEXT)");
    }
}
