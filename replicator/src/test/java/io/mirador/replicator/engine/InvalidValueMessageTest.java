package io.mirador.replicator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirador.replicator.route.RouteConfig;
import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class InvalidValueMessageTest {

    @Test
    void aHugeInvalidValueIsQuotedShortAndTheReasonKept() {
        RouteDefinition huge = new RouteDefinition("r", "a", "b", java.util.List.of(), "t", null, "I".repeat(100_000),
                null, null, null, null, null, null, null);
        String message;
        try {
            RouteConfig.from(huge);
            throw new AssertionError("accepted");
        } catch (ConfigException e) {
            message = ReplicationEngine.shortValue(e.getMessage());
        }
        assertThat(message).hasSizeLessThan(300).startsWith("Invalid value " + "I".repeat(80) + "…")
                .contains("for configuration naming.policy", "String must be one of");
        assertThat(ReplicationEngine.shortValue("Invalid value x for configuration y: z")).isEqualTo("Invalid value x for configuration y: z");
    }
}
