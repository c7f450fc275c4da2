package io.mirador.ui.page.clusters;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.connect.ConnectionResult;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The fields of the connection editor and what they mean for Kafka: turns them into a {@link ClusterConnection}
 * (building {@code sasl.jaas.config} and the {@code ssl.*} properties) and back, validates them as they change
 * and tests the connection in the background. UI thread only; never holds a control.
 */
public final class ConnectionForm {

    public enum Protocol { PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

        public boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        public boolean tls() {
            return this == SSL || this == SASL_SSL;
        }
    }

    public enum Mechanism {
        PLAIN("org.apache.kafka.common.security.plain.PlainLoginModule"),
        SCRAM_SHA_256("org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String loginModule;

        Mechanism(String loginModule) {
            this.loginModule = loginModule;
        }

        /** Kafka's name, e.g. SCRAM-SHA-256. */
        public String kafkaName() {
            return name().replace('_', '-');
        }

        static Mechanism ofKafkaNameOrNull(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private static final Pattern JAAS_VALUE = Pattern.compile("(username|password)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s;]+))");
    /** Properties the form has fields for; everything else is an extra property line. */
    private static final Map<String, Function<ConnectionForm, StringProperty>> SSL_FIELDS = Map.of(
            "ssl.truststore.location", f -> f.truststore,
            "ssl.truststore.password", f -> f.truststorePassword,
            "ssl.keystore.location", f -> f.keystore,
            "ssl.keystore.password", f -> f.keystorePassword,
            "ssl.key.password", f -> f.keyPassword);

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty bootstrap = new SimpleStringProperty(this, "bootstrap", "");
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(this, "protocol", Protocol.PLAINTEXT);
    private final ObjectProperty<Mechanism> mechanism = new SimpleObjectProperty<>(this, "mechanism", Mechanism.SCRAM_SHA_512);
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty truststore = new SimpleStringProperty(this, "truststore", "");
    private final StringProperty truststorePassword = new SimpleStringProperty(this, "truststorePassword", "");
    private final StringProperty keystore = new SimpleStringProperty(this, "keystore", "");
    private final StringProperty keystorePassword = new SimpleStringProperty(this, "keystorePassword", "");
    private final StringProperty keyPassword = new SimpleStringProperty(this, "keyPassword", "");
    private final StringProperty extraProperties = new SimpleStringProperty(this, "extraProperties", "");
    private final StringProperty schemaRegistryUrl = new SimpleStringProperty(this, "schemaRegistryUrl", "");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly", false);

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing", false);
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final ReadOnlyBooleanWrapper testPassed = new ReadOnlyBooleanWrapper(this, "testPassed", false);

    private final TaskExecutor executor;
    private final Function<ClusterConnection, ConnectionResult> tester;
    private BackgroundTask test;

    /**
     * @param tester blocking connection test (Kafka's {@code ConnectionTester::test}); runs on a worker thread
     */
    public ConnectionForm(TaskExecutor executor, Function<ClusterConnection, ConnectionResult> tester) {
        this.executor = executor;
        this.tester = tester;
        Observable[] inputs = {name, bootstrap, protocol, mechanism, username, password, truststore, truststorePassword,
            keystore, keystorePassword, keyPassword, extraProperties, schemaRegistryUrl, readOnly};
        for (Observable input : inputs) {
            input.addListener(o -> changed());
        }
        changed();
    }

    /** Fills the form from a saved or imported connection; unknown properties become extra lines. */
    public void load(ClusterConnection connection) {
        Map<String, String> rest = new TreeMap<>(connection.properties());
        name.set(connection.name());
        bootstrap.set(connection.bootstrapServers());
        String protocolName = rest.remove("security.protocol");
        protocol.set(protocolName == null ? Protocol.PLAINTEXT : Protocol.valueOf(protocolName.trim().toUpperCase(Locale.ROOT)));
        // A mechanism the form has no fields for (OAUTHBEARER, GSSAPI) stays in the extra lines, with its JAAS
        // config, and is saved as it is.
        String mechanismName = rest.get("sasl.mechanism");
        Mechanism known = mechanismName == null ? Mechanism.PLAIN : Mechanism.ofKafkaNameOrNull(mechanismName);
        if (known != null) {
            rest.remove("sasl.mechanism");
            mechanism.set(known);
        }
        String jaas = rest.get("sasl.jaas.config");
        if (known != null && jaas != null && jaas.contains(known.loginModule)) {
            rest.remove("sasl.jaas.config");
            Matcher m = JAAS_VALUE.matcher(jaas);
            while (m.find()) {
                String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
                (m.group(1).equals("username") ? username : password).set(value);
            }
        }
        SSL_FIELDS.forEach((key, field) -> field.apply(this).set(nonNull(rest.remove(key))));
        readOnly.set(Boolean.parseBoolean(rest.remove(ClusterConnection.READ_ONLY)));
        schemaRegistryUrl.set(nonNull(rest.remove(ClusterConnection.SCHEMA_REGISTRY_URL)));
        StringBuilder extra = new StringBuilder();
        rest.forEach((k, v) -> extra.append(k).append('=').append(v).append('\n'));
        extraProperties.set(extra.toString());
    }

    /**
     * The connection the fields describe.
     *
     * @throws IllegalArgumentException with {@link #problemProperty()}'s text when the fields are not valid
     */
    public ClusterConnection toConnection() {
        String why = validate();
        if (!why.isEmpty()) {
            throw new IllegalArgumentException(why);
        }
        Map<String, String> props = new LinkedHashMap<>(parseExtra(extraProperties.get()));
        Protocol p = protocol.get();
        if (p != Protocol.PLAINTEXT) {
            props.put("security.protocol", p.name());
        }
        if (p.sasl() && !props.containsKey("sasl.jaas.config")) {
            Mechanism m = mechanism.get();
            props.put("sasl.mechanism", m.kafkaName());
            props.put("sasl.jaas.config", m.loginModule + " required username=\"" + jaasEscape(username.get().trim())
                    + "\" password=\"" + jaasEscape(password.get()) + "\";");
        }
        if (p.tls()) {
            SSL_FIELDS.forEach((key, field) -> {
                String value = field.apply(this).get().trim();
                if (!value.isEmpty()) {
                    props.put(key, value);
                }
            });
        }
        if (readOnly.get()) {
            props.put(ClusterConnection.READ_ONLY, "true");
        }
        if (!schemaRegistryUrl.get().isBlank()) {
            props.put(ClusterConnection.SCHEMA_REGISTRY_URL, schemaRegistryUrl.get().trim());
        }
        return new ClusterConnection(name.get().trim(), bootstrap.get().trim().replaceAll("\\s+", ""), props);
    }

    /** Tests the connection as the fields describe it; the answer arrives in {@link #testResultProperty()}. */
    public void testConnection() {
        ClusterConnection connection;
        try {
            connection = toConnection();
        } catch (IllegalArgumentException e) {
            testPassed.set(false);
            testResult.set(e.getMessage());
            return;
        }
        if (test != null) {
            test.cancel();
        }
        testing.set(true);
        testResult.set("Testing " + connection.bootstrapServers() + "…");
        test = executor.submit("Testing connection " + connection.name(), () -> tester.apply(connection), result -> {
            testing.set(false);
            testPassed.set(result.ok());
            String reason = result.reason();
            testResult.set(Character.toUpperCase(reason.charAt(0)) + reason.substring(1)
                    + " (" + result.elapsed().toMillis() + " ms)");
        }, failure -> {
            testing.set(false);
            testPassed.set(false);
            testResult.set(Messages.oneLine(failure));
        });
    }

    /** Stops waiting for a running test, e.g. when the dialog closes. */
    public void cancelTest() {
        if (test != null) {
            test.cancel();
            testing.set(false);
        }
    }

    private void changed() {
        problem.set(validate());
    }

    private String validate() {
        if (name.get().isBlank()) {
            return "Give the connection a name.";
        }
        if (bootstrap.get().isBlank()) {
            return "Enter the bootstrap servers, e.g. broker1:9092,broker2:9092.";
        }
        for (String server : bootstrap.get().split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                return "Bootstrap server '" + s + "' needs the form host:port.";
            }
        }
        boolean customSasl = extraProperties.get().contains("sasl.jaas.config");
        if (protocol.get().sasl() && !customSasl && (username.get().isBlank() || password.get().isEmpty())) {
            return "SASL needs a user name and a password.";
        }
        if (!keystore.get().isBlank() && keystorePassword.get().isEmpty()) {
            return "The key store needs its password.";
        }
        try {
            parseExtra(extraProperties.get());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String url = schemaRegistryUrl.get().trim();
        if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
            return "The schema registry URL must start with http:// or https://.";
        }
        return "";
    }

    /** {@code key=value} lines; blank lines and lines starting with # are ignored. */
    static Map<String, String> parseExtra(String text) {
        Map<String, String> props = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : nonNull(text).split("\\R")) {
            lineNumber++;
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Extra property line " + lineNumber + " needs the form key=value.");
            }
            String key = l.substring(0, eq).trim();
            if (key.equals("bootstrap.servers")) {
                throw new IllegalArgumentException("Put bootstrap servers in their own field, not in extra properties.");
            }
            props.put(key, l.substring(eq + 1).trim());
        }
        return props;
    }

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    public StringProperty nameProperty() { return name; }

    public StringProperty bootstrapProperty() { return bootstrap; }

    public ObjectProperty<Protocol> protocolProperty() { return protocol; }

    public ObjectProperty<Mechanism> mechanismProperty() { return mechanism; }

    public StringProperty usernameProperty() { return username; }

    public StringProperty passwordProperty() { return password; }

    public StringProperty truststoreProperty() { return truststore; }

    public StringProperty truststorePasswordProperty() { return truststorePassword; }

    public StringProperty keystoreProperty() { return keystore; }

    public StringProperty keystorePasswordProperty() { return keystorePassword; }

    public StringProperty keyPasswordProperty() { return keyPassword; }

    public StringProperty extraPropertiesProperty() { return extraProperties; }

    public StringProperty schemaRegistryUrlProperty() { return schemaRegistryUrl; }

    public BooleanProperty readOnlyProperty() { return readOnly; }

    /** Why the fields cannot be saved, or empty. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty testingProperty() { return testing.getReadOnlyProperty(); }

    public ReadOnlyStringProperty testResultProperty() { return testResult.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty testPassedProperty() { return testPassed.getReadOnlyProperty(); }
}
