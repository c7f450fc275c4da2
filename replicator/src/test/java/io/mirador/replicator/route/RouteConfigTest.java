package io.mirador.replicator.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RouteConfigTest {

    private static RouteDefinition route(List<String> topics, String include, String exclude, String naming,
                                         Map<String, String> map) {
        return new RouteDefinition("r", "a", "b", topics, include, exclude, naming, map, null, null, null, null, null, null);
    }

    @Test
    void defaultsApply() {
        RouteConfig config = RouteConfig.from(RouteDefinition.of("r", "a", "b", "orders.*"));
        assertThat(config.workers()).isEqualTo(RouteConfig.WORKERS_DEFAULT);
        assertThat(config.provenanceHeader()).isTrue();
        assertThat(config.namingPolicy().targetTopic("orders")).isEqualTo("orders");
        assertThat(config.paused()).isFalse();
    }

    @Test
    void filterCombinesWhitelistIncludeAndExclude() {
        TopicFilter filter = RouteConfig.from(route(List.of("__consumer_offsets", "audit"), "orders.*", "orders\\.tmp.*", null, null))
                .topicFilter();
        assertThat(filter.shouldReplicate("orders.eu")).isTrue();
        assertThat(filter.shouldReplicate("orders.tmp1")).isFalse();
        assertThat(filter.shouldReplicate("audit")).isTrue();
        assertThat(filter.shouldReplicate("payments")).isFalse();
        assertThat(filter.shouldReplicate("__consumer_offsets")).as("explicitly whitelisted").isTrue();
    }

    @Test
    void aRouteWithNoTopicsIsValidAndSelectsNothing() {
        TopicFilter filter = RouteConfig.from(route(List.of(), null, null, null, null)).topicFilter();
        assertThat(filter.shouldReplicate("orders")).isFalse();
        assertThat(filter.shouldReplicate("")).isFalse();
    }

    @Test
    void internalAndEngineTopicsAreExcludedByDefault() {
        TopicFilter filter = RouteConfig.from(RouteDefinition.of("r", "a", "b", ".*")).topicFilter();
        assertThat(filter.shouldReplicate("__transaction_state")).isFalse();
        assertThat(filter.shouldReplicate("mirador.heartbeats")).isFalse();
        assertThat(filter.shouldReplicate("mm2-offsets.a.internal")).isFalse();
        assertThat(filter.shouldReplicate("clicks")).isTrue();
    }

    @Test
    void namingPolicies() {
        assertThat(RouteConfig.from(route(List.of(), ".*", null, "prefix", null)).namingPolicy().targetTopic("t")).isEqualTo("a.t");
        RouteDefinition aliased = new RouteDefinition("r", "a", "b", List.of(), ".*", null, "prefix", null, "eu",
                null, null, null, null, null);
        assertThat(RouteConfig.from(aliased).namingPolicy().targetTopic("t")).isEqualTo("eu.t");
        NamingPolicy map = RouteConfig.from(route(List.of(), ".*", null, "map", Map.of("x", "y"))).namingPolicy();
        assertThat(map.targetTopic("x")).isEqualTo("y");
        assertThat(map.targetTopic("z")).isEqualTo("z");
    }

    @Test
    void invalidDefinitionsAreExplained() {
        assertThatThrownBy(() -> RouteConfig.from(route(List.of(), "orders[", null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topics.include").hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> RouteConfig.from(route(List.of(), ".*", null, "rot13", null)))
                .hasMessageContaining("naming.policy");
        assertThatThrownBy(() -> RouteConfig.from(route(List.of(), ".*", null, "map", null)))
                .hasMessageContaining("needs a naming map");
        assertThatThrownBy(() -> RouteConfig.from(new RouteDefinition("r", "a", "a", List.of(), ".*", null, null, null, null,
                null, null, null, null, null))).hasMessageContaining("copy topics onto themselves");
        assertThatThrownBy(() -> RouteConfig.from(new RouteDefinition("r", "a", "b", List.of(), ".*", null, null, null, null,
                0, null, null, null, null))).hasMessageContaining("workers");
        assertThatThrownBy(() -> RouteConfig.from(new RouteDefinition(null, "a", "b", List.of(), ".*", null, null, null, null,
                null, null, null, null, null))).hasMessageContaining("name");
    }
}
