package io.mirador.cluster.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing and exporting Kafka client properties files, without a cluster. */
class ClientPropertiesTest {

    @TempDir
    Path dir;

    @Test
    void importsEveryPropertyAndMasksSecretsInToString() throws Exception {
        Path file = dir.resolve("prod.properties");
        Files.writeString(file, """
                # a comment
                bootstrap.servers = b1:9092,b2:9092
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                    username="ops" password="s3cr3t-pw";
                ssl.truststore.location=/etc/kafka/truststore.jks
                ssl.truststore.password=trust-pw
                """);
        ClusterConnection c = ClientProperties.fromPropertiesFile(file);
        assertThat(c.name()).isEqualTo("prod");
        assertThat(c.bootstrapServers()).isEqualTo("b1:9092,b2:9092");
        assertThat(c.properties()).doesNotContainKey("bootstrap.servers")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.password", "trust-pw")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"ops\" password=\"s3cr3t-pw\";");
        assertThat(c.toString()).contains("SASL_SSL", "/etc/kafka/truststore.jks")
                .doesNotContain("s3cr3t-pw").doesNotContain("trust-pw");

        Path out = dir.resolve("sub/exported.properties");
        ClientProperties.writePropertiesFile(c, out);
        assertThat(ClientProperties.fromPropertiesFile("prod", out)).isEqualTo(c);
    }

    @Test
    void requiresBootstrapServers() throws Exception {
        Path file = dir.resolve("nobootstrap.properties");
        Files.writeString(file, "security.protocol=SSL\nbootstrap.servers=   \n");
        assertThatThrownBy(() -> ClientProperties.fromPropertiesFile(file))
                .isInstanceOf(ClusterException.class)
                .hasMessage("cannot import " + file + ": it has no bootstrap.servers (add a line like"
                        + " bootstrap.servers=broker1:9092,broker2:9092)");
    }

    @Test
    void namesAMissingFile() {
        Path file = dir.resolve("missing.properties");
        assertThatThrownBy(() -> ClientProperties.fromPropertiesFile(file))
                .isInstanceOf(ClusterException.class).hasMessage("cannot import " + file + ": no such file");
    }

    @Test
    void invalidClientPropertiesAreReportedWithoutTheirSecrets() throws Exception {
        ClusterConnection broken = new ClusterConnection("broken", "127.0.0.1:1", Map.of(
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule username=\"u\""
                        + " password=\"pw-very-secret\""));
        // A closed port answers first; point at a listening one so the Admin client is created.
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ConnectionResult result = ConnectionTester.test(new ClusterConnection("broken",
                    "127.0.0.1:" + listening.getLocalPort(), broken.properties()), Duration.ofSeconds(3));
            assertThat(result.ok()).isFalse();
            assertThat(result.reason()).startsWith("the client properties of cluster broken are invalid: ")
                    .doesNotContain("pw-very-secret");
            assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(6));
        }
    }
}
