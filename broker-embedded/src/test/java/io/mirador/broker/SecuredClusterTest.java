package io.mirador.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A SASL cluster with users and the StandardAuthorizer: log-ins are checked and ACLs enforced. */
@Tag("integration")
class SecuredClusterTest {

    private static EmbeddedKafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("secured")
                .sasl(SaslMechanism.SCRAM_SHA_256, SaslMechanism.SCRAM_SHA_512, SaslMechanism.PLAIN)
                .user("admin", "admin-secret")
                .user("alice", "alice-secret")
                .user("bob", "bob-secret")
                .authorizer("admin")
                .build());
        cluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.stop();
    }

    @Test
    void describesItsSecurityWithoutShowingPasswords() {
        assertThat(cluster.spec().secured()).isTrue();
        assertThat(cluster.spec().authorizerEnabled()).isTrue();
        assertThat(cluster.spec().userNames()).containsExactly("admin", "alice", "bob");
        assertThat(cluster.spec().toString()).contains("alice").doesNotContain("alice-secret");
        assertThat(cluster.clientProperties("alice"))
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .hasEntrySatisfying("sasl.jaas.config", jaas -> assertThat(jaas)
                        .contains("ScramLoginModule", "username=\"alice\"", "password=\"alice-secret\""));
        assertThatThrownBy(() -> cluster.clientProperties("mallory")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("has no user mallory");
    }

    @Test
    void superUserProducesAndConsumesWithEveryMechanism() throws Exception {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            String topic = "admin-" + mechanism.name().toLowerCase();
            Map<String, String> security = cluster.clientProperties("admin", mechanism);
            try (Admin admin = Admin.create(props(security))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = producer(security)) {
                producer.send(new ProducerRecord<>(topic, "k", "hello " + mechanism)).get();
            }
            try (KafkaConsumer<String, String> consumer = consumer(security, "g-" + topic)) {
                consumer.subscribe(List.of(topic));
                assertThat(SingleBrokerClusterTest.pollValues(consumer, 1)).containsExactly("hello " + mechanism);
            }
        }
    }

    @Test
    void refusesAWrongPassword() {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            Map<String, String> wrong = EmbeddedKafkaCluster.clientProperties(mechanism, "alice", "not-her-password");
            try (KafkaProducer<String, String> producer = producer(wrong)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("any", "v")).get())
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void refusesAPlaintextClient() {
        Map<String, Object> p = new HashMap<>(props(Map.of()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("any", "v")).get())
                    .hasMessageContaining("not present in metadata after 2000 ms");
        }
    }

    @Test
    void authorizerDeniesUntilTheAdminGrantsAnAcl() throws Exception {
        String topic = "bobs-topic";
        Map<String, String> admin = cluster.clientProperties("admin", SaslMechanism.SCRAM_SHA_512);
        Map<String, String> bob = cluster.clientProperties("bob");
        try (Admin adminClient = Admin.create(props(admin))) {
            adminClient.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = producer(bob)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "denied")).get())
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            adminClient.createAcls(List.of(new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new AccessControlEntry("User:bob", "*", AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreException(ExecutionException.class).until(() -> {
            try (KafkaProducer<String, String> producer = producer(bob)) {
                return producer.send(new ProducerRecord<>(topic, "allowed")).get().offset() >= 0;
            }
        });
        // alice has no ACL on this topic and is still refused.
        try (KafkaProducer<String, String> producer = producer(cluster.clientProperties("alice"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "denied")).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static Map<String, Object> props(Map<String, String> security) {
        Map<String, Object> p = new HashMap<>(security);
        p.put("bootstrap.servers", cluster.bootstrapServers());
        return p;
    }

    private static KafkaProducer<String, String> producer(Map<String, String> security) {
        Map<String, Object> p = props(security);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, String> security, String group) {
        Map<String, Object> p = props(security);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
