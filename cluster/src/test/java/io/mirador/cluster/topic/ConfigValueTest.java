package io.mirador.cluster.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.mirador.cluster.Secrets;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigType;
import org.junit.jupiter.api.Test;

class ConfigValueTest {

    @Test
    void masksSensitiveValues() {
        ConfigEntry entry = new ConfigEntry("ssl.key.password", "hunter2", ConfigSource.DYNAMIC_BROKER_CONFIG,
                true, false, List.of(), ConfigType.PASSWORD, "The password");

        ConfigValue value = ConfigValue.of(entry);

        assertThat(value.value()).isEqualTo(Secrets.MASK);
        assertThat(value.isSensitive()).isTrue();
        assertThat(value.isOverride()).isTrue();
        assertThat(value.documentation()).isEqualTo("The password");
    }

    @Test
    void keepsOrdinaryValuesAndDefaults() {
        ConfigEntry entry = new ConfigEntry("delegation.token.expiry.time.ms", "86400000", ConfigSource.DEFAULT_CONFIG,
                false, true, List.of(), ConfigType.LONG, null);

        ConfigValue value = ConfigValue.of(entry);

        assertThat(value.value()).isEqualTo("86400000");
        assertThat(value.isReadOnly()).isTrue();
        assertThat(value.isOverride()).isFalse();
    }
}
