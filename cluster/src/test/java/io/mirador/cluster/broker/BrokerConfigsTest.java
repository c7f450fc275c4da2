package io.mirador.cluster.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.testing.SharedKafka;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.TestKafka;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class BrokerConfigsTest {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka("broker-configs", 1);

    private static EmbeddedKafkaCluster cluster;
    private static ClusterClient client;
    private static BrokerConfigs configs;

    @BeforeAll
    static void startCluster() {
        cluster = KAFKA.cluster();
        client = KAFKA.client();
        configs = new BrokerConfigs(client);
    }

    @Test
    void listsDefaultsAndStaticValuesWithDocs() {
        List<ConfigValue> all = configs.list(0);

        assertThat(all).extracting(ConfigValue::name).isSorted();
        ConfigValue threads = find(all, "log.cleaner.threads");
        assertThat(threads.value()).isEqualTo("1");
        assertThat(threads.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(threads.isReadOnly()).isFalse();
        assertThat(threads.documentation()).isNotBlank();
        ConfigValue compression = find(all, "compression.type");
        assertThat(compression.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        assertThat(compression.isOverride()).isFalse();
        assertThat(find(all, "log.dirs").isReadOnly()).isTrue();
    }

    @Test
    void showsAnOverrideAfterAlteringAndRemovesItOnReset() {
        configs.alter(0, "log.cleaner.threads", "2");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ConfigValue threads = find(configs.list(0), "log.cleaner.threads");
            assertThat(threads.value()).isEqualTo("2");
            assertThat(threads.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
            assertThat(threads.isOverride()).isTrue();
        });

        configs.reset(0, "log.cleaner.threads");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ConfigValue threads = find(configs.list(0), "log.cleaner.threads");
            assertThat(threads.value()).isEqualTo("1");
            assertThat(threads.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
        });
    }

    @Test
    void refusesReadOnlyConfigs() {
        String before = find(configs.list(0), "log.dirs").value();

        assertThatThrownBy(() -> configs.alter(0, "log.dirs", "/tmp/elsewhere"))
                .isInstanceOf(ClusterException.class)
                .hasMessage("cannot change log.dirs of broker 0 on cluster broker-configs: it is read-only;"
                        + " set it in server.properties and restart the broker");
        assertThat(find(configs.list(0), "log.dirs").value()).isEqualTo(before);
    }

    @Test
    void invalidValuesComeBackAsOneLine() {
        assertThatThrownBy(() -> configs.alter(0, "message.max.bytes", "lots"))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("cannot change configs of broker 0 on cluster broker-configs: ")
                .hasMessageNotContaining("\n");
    }

    private static ConfigValue find(List<ConfigValue> configs, String name) {
        return configs.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no config " + name));
    }
}
