package io.mirador.cluster.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void acceptsKafkaNames() {
        assertThat(TopicNames.problem("orders.v2_EU-west")).isEmpty();
        assertThat(TopicNames.problem("a".repeat(249))).isEmpty();
    }

    @Test
    void explainsEachRule() {
        assertThat(TopicNames.problem("")).hasValue("a topic name cannot be empty");
        assertThat(TopicNames.problem(null)).hasValue("a topic name cannot be empty");
        assertThat(TopicNames.problem("..")).hasValue("a topic cannot be named '..'");
        assertThat(TopicNames.problem("a".repeat(250)))
                .hasValue("topic name is 250 characters long; at most 249 are allowed");
        assertThat(TopicNames.problem("my topic")).hasValue(
                "topic name 'my topic' contains a space; use only letters a-z and A-Z, digits, '.', '_' and '-'");
        assertThat(TopicNames.problem("a/b")).get().asString().contains("contains '/'");
        assertThat(TopicNames.problem("caf\u00e9")).get().asString().contains("contains '\u00e9'");
        assertThat(TopicNames.problem("tab\there")).get().asString().contains("contains U+0009");
    }

    @Test
    void dotsAndUnderscoresCollide() {
        assertThat(TopicNames.collide("a.b", "a_b")).isTrue();
        assertThat(TopicNames.collide("a.b", "a.b")).isFalse();
        assertThat(TopicNames.collide("a.b", "a-b")).isFalse();
    }
}
