package io.mirador.cluster.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaVersionTest {

    @Test
    void namesKnownMetadataLevels() {
        assertThat(KafkaVersion.name(7)).hasValue("3.3-IV3");
        assertThat(KafkaVersion.name(21)).hasValue("3.9-IV0");
        assertThat(KafkaVersion.name(22)).hasValue("4.0-IV0");
        assertThat(KafkaVersion.name(33)).hasValue("4.4-IV2");
    }

    @Test
    void unknownLevelsHaveNoName() {
        assertThat(KafkaVersion.name(6)).isEmpty();
        assertThat(KafkaVersion.name(34)).isEmpty();
        assertThat(KafkaVersion.UNKNOWN.release()).isNull();
    }
}
