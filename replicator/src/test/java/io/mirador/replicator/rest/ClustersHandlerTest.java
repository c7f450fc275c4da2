package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.Secrets;
import org.junit.jupiter.api.Test;

class ClustersHandlerTest extends HandlerTestSupport {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"u\" password=\"hunter2\";";
    private static final String SECURE = """
            {"name":"prod","bootstrapServers":"kafka:9093","properties":{"security.protocol":"SASL_SSL",
             "sasl.mechanism":"PLAIN","sasl.jaas.config":"%s","ssl.truststore.password":"tspass",
             "request.timeout.ms":30000}}""".formatted(JAAS.replace("\"", "\\\""));

    @Test
    void createAnswers201WithMaskedSecretsAndStoresTheRealValues() {
        RestChannel.Response created = channel.send("POST", "/api/v1/clusters", SECURE);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).isEqualTo("/api/v1/clusters/prod");
        assertThat(created.body()).doesNotContain("hunter2").doesNotContain("tspass");
        assertThat(created.json().at("/properties/sasl.jaas.config").asText()).isEqualTo(Secrets.MASK);
        assertThat(created.json().at("/properties/request.timeout.ms").asText()).isEqualTo("30000");
        ClusterConnection stored = engines.engine.cluster("prod").orElseThrow();
        assertThat(stored.properties()).containsEntry("sasl.jaas.config", JAAS).containsEntry("ssl.truststore.password", "tspass");
    }

    @Test
    void getAndListNeverShowSecrets() {
        channel.send("POST", "/api/v1/clusters", SECURE);

        RestChannel.Response one = channel.get("/api/v1/clusters/prod");
        RestChannel.Response all = channel.get("/api/v1/clusters");

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("bootstrapServers").asText()).isEqualTo("kafka:9093");
        assertThat(one.json().at("/properties/security.protocol").asText()).isEqualTo("SASL_SSL");
        assertThat(one.json().at("/properties/ssl.truststore.password").asText()).isEqualTo(Secrets.MASK);
        assertThat(all.json()).hasSize(1);
        assertThat(one.body() + all.body()).doesNotContain("hunter2").doesNotContain("tspass");
    }

    @Test
    void duplicateIs409() {
        assertThat(channel.send("POST", "/api/v1/clusters", SECURE).status()).isEqualTo(201);
        RestChannel.Response again = channel.send("POST", "/api/v1/clusters", SECURE);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("conflict");
    }

    @Test
    void badBodiesAre400() {
        assertThat(channel.send("POST", "/api/v1/clusters", "{\"name\":").status()).isEqualTo(400);
        assertThat(channel.send("POST", "/api/v1/clusters", "").json().get("message").asText()).contains("body required");
        assertThat(channel.send("POST", "/api/v1/clusters", "[1]").status()).isEqualTo(400);
        RestChannel.Response noServers = channel.send("POST", "/api/v1/clusters", "{\"name\":\"x\"}");
        assertThat(noServers.status()).isEqualTo(400);
        assertThat(noServers.json().get("message").asText()).contains("bootstrapServers");
        assertThat(channel.send("POST", "/api/v1/clusters", "{\"bootstrapServers\":\"h:1\"}").status()).isEqualTo(400);
        assertThat(channel.send("POST", "/api/v1/clusters", "{\"name\":\"a/b\",\"bootstrapServers\":\"h:1\"}").status())
                .isEqualTo(400);
        assertThat(channel.send("POST", "/api/v1/clusters",
                "{\"name\":\"x\",\"bootstrapServers\":\"h:1\",\"properties\":{\"a\":{\"b\":1}}}").status()).isEqualTo(400);
        RestChannel.Response mask = channel.send("POST", "/api/v1/clusters",
                "{\"name\":\"x\",\"bootstrapServers\":\"h:1\",\"properties\":{\"sasl.jaas.config\":\"******\"}}");
        assertThat(mask.status()).isEqualTo(400);
        assertThat(engines.engine.clusters()).isEmpty();
    }

    @Test
    void putKeepsMaskedSecretsAndReplacesTheRest() {
        channel.send("POST", "/api/v1/clusters", SECURE);
        String roundTrip = channel.get("/api/v1/clusters/prod").body().replace("kafka:9093", "kafka2:9093");

        RestChannel.Response put = channel.send("PUT", "/api/v1/clusters/prod", roundTrip);

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("bootstrapServers").asText()).isEqualTo("kafka2:9093");
        ClusterConnection stored = engines.engine.cluster("prod").orElseThrow();
        assertThat(stored.bootstrapServers()).isEqualTo("kafka2:9093");
        assertThat(stored.properties()).containsEntry("sasl.jaas.config", JAAS).containsEntry("ssl.truststore.password", "tspass");

        channel.send("PUT", "/api/v1/clusters/prod", "{\"bootstrapServers\":\"k:1\",\"properties\":{\"ssl.truststore.password\":\"new\"}}");
        assertThat(engines.engine.cluster("prod").orElseThrow().properties())
                .isEqualTo(Map.of("ssl.truststore.password", "new"));
    }

    @Test
    void putErrors() {
        channel.send("POST", "/api/v1/clusters", SECURE);
        RestChannel.Response otherName = channel.send("PUT", "/api/v1/clusters/prod", "{\"name\":\"dev\",\"bootstrapServers\":\"h:1\"}");
        assertThat(otherName.status()).isEqualTo(400);
        assertThat(otherName.json().get("message").asText()).contains("differs");
        assertThat(channel.send("PUT", "/api/v1/clusters/nope", "{\"bootstrapServers\":\"h:1\"}").status()).isEqualTo(404);
    }

    @Test
    void deleteIs204Then404AndRefusedWhileARouteUsesIt() {
        engines.withDeadClusters().route("r", "t");
        RestChannel.Response inUse = channel.send("DELETE", "/api/v1/clusters/a", null);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("message").asText()).contains("r");

        channel.send("POST", "/api/v1/clusters", SECURE);
        RestChannel.Response deleted = channel.send("DELETE", "/api/v1/clusters/prod", null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(channel.get("/api/v1/clusters/prod").status()).isEqualTo(404);
        assertThat(channel.send("DELETE", "/api/v1/clusters/prod", null).status()).isEqualTo(404);
    }

    @Test
    void wrongMethodOnCollectionIs405() {
        RestChannel.Response response = channel.send("DELETE", "/api/v1/clusters", null);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET, HEAD, POST");
    }
}
