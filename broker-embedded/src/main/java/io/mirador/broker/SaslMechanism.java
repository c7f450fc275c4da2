package io.mirador.broker;

/** SASL mechanisms a secured sandbox cluster can offer on its client listener. */
public enum SaslMechanism {
    SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    private final String kafkaName;
    private final String loginModule;

    SaslMechanism(String kafkaName, String loginModule) {
        this.kafkaName = kafkaName;
        this.loginModule = loginModule;
    }

    /** The name Kafka uses in {@code sasl.mechanism}, e.g. {@code SCRAM-SHA-256}. */
    public String kafkaName() {
        return kafkaName;
    }

    /** The JAAS login module class clients and brokers use for this mechanism. */
    public String loginModule() {
        return loginModule;
    }

    public boolean isScram() {
        return this != PLAIN;
    }
}
