package io.mirador.broker;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What to start: an immutable, validated description of one embedded cluster.
 *
 * <p>Ports: {@code portBase == 0} chooses free ports; otherwise broker {@code i} listens on {@code portBase + i}
 * and its controller listener (first node only) on {@code portBase + brokers}. Data: with no {@code dataDir}
 * a temporary directory is used and deleted on stop; with one, data survives restarts.
 *
 * <p>Security: by default every listener is PLAINTEXT. With {@link Builder#sasl(SaslMechanism...)} the client
 * listener (the ports in {@link EmbeddedKafkaCluster#bootstrapServers()}) becomes SASL_PLAINTEXT and clients
 * must log in as one of the {@link Builder#user(String, String) users}; brokers then talk to each other and to
 * the controller over a separate PLAINTEXT listener on loopback, whose (anonymous) principal is a super user.
 * With {@link Builder#authorizer(String)} Kafka's StandardAuthorizer enforces ACLs, denying by default.
 * Passwords are never shown by {@link #toString()}.
 */
public final class ClusterSpec {

    public static final int MAX_BROKERS = 9;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    /** Characters the formatter's SCRAM syntax, JAAS quoting or property files would misread. */
    private static final Pattern PASSWORD = Pattern.compile("[^\\s\"\\\\,\\[\\]=;']{1,128}");

    private final String name;
    private final int brokers;
    private final int portBase;
    private final Path dataDir;
    private final String clusterId;
    private final Map<String, String> brokerOverrides;
    private final Set<SaslMechanism> saslMechanisms;
    private final Map<String, String> users;
    private final String adminUser;

    private ClusterSpec(Builder b) {
        if (b.name == null || !NAME.matcher(b.name).matches()) {
            throw new SandboxException("invalid cluster name '" + b.name
                    + "': use letters, digits, '.', '_' or '-' (at most 64)");
        }
        if (b.brokers < 1 || b.brokers > MAX_BROKERS) {
            throw new SandboxException("invalid broker count " + b.brokers + ": use 1 to " + MAX_BROKERS);
        }
        int portsAfterBase = b.saslMechanisms.isEmpty() ? b.brokers : 2 * b.brokers;
        if (b.portBase != 0 && (b.portBase < 1024 || b.portBase + portsAfterBase > 65535)) {
            throw new SandboxException("invalid port base " + b.portBase + ": use 1024 to " + (65535 - portsAfterBase)
                    + ", or 0 for free ports");
        }
        if (!b.users.isEmpty() && b.saslMechanisms.isEmpty()) {
            throw new SandboxException("cluster " + b.name + " has users but no SASL mechanism: add sasl(...)");
        }
        if (!b.saslMechanisms.isEmpty() && b.users.isEmpty()) {
            throw new SandboxException("cluster " + b.name + " uses SASL but has no users: add user(name, password)");
        }
        if (b.adminUser != null) {
            if (b.saslMechanisms.isEmpty()) {
                throw new SandboxException("cluster " + b.name
                        + " needs SASL for its authorizer: without log-ins every client would be anonymous");
            }
            if (!b.users.containsKey(b.adminUser)) {
                throw new SandboxException("admin user " + b.adminUser + " of cluster " + b.name
                        + " is not one of its users: add user(\"" + b.adminUser + "\", password)");
            }
        }
        this.name = b.name;
        this.brokers = b.brokers;
        this.portBase = b.portBase;
        this.dataDir = b.dataDir;
        this.clusterId = b.clusterId;
        this.brokerOverrides = Map.copyOf(b.brokerOverrides);
        this.saslMechanisms = Collections.unmodifiableSet(new LinkedHashSet<>(b.saslMechanisms));
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(b.users));
        this.adminUser = b.adminUser;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public int brokers() {
        return brokers;
    }

    /** 0 when ports are chosen free. */
    public int portBase() {
        return portBase;
    }

    /** Persistent data directory of this cluster, or empty for a temporary one. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** Cluster id to format with, or empty for a random one (or the one already on disk). */
    public Optional<String> clusterId() {
        return Optional.ofNullable(clusterId);
    }

    /** Extra broker properties applied to every node, after Mirador's defaults. */
    public Map<String, String> brokerOverrides() {
        return brokerOverrides;
    }

    /** True when clients must log in with SASL on the client listener. */
    public boolean secured() {
        return !saslMechanisms.isEmpty();
    }

    /** SASL mechanisms of the client listener in the order given (the first is the default); empty when plain. */
    public Set<SaslMechanism> saslMechanisms() {
        return saslMechanisms;
    }

    /** Names of the users that can log in, in the order given. */
    public List<String> userNames() {
        return List.copyOf(users.keySet());
    }

    /** True when Kafka's StandardAuthorizer enforces ACLs (deny when no ACL matches). */
    public boolean authorizerEnabled() {
        return adminUser != null;
    }

    /** The user that is a super user under the authorizer, or empty without authorizer. */
    public Optional<String> adminUser() {
        return Optional.ofNullable(adminUser);
    }

    /** Password of {@code user}; package-private so that it cannot leak through the public API by accident. */
    Optional<String> password(String user) {
        return Optional.ofNullable(users.get(user));
    }

    @Override
    public String toString() {
        return "ClusterSpec[name=" + name + ", brokers=" + brokers + ", portBase=" + portBase
                + (saslMechanisms.isEmpty() ? "" : ", sasl=" + saslMechanisms + ", users=" + users.keySet())
                + (adminUser == null ? "" : ", authorizer=true, adminUser=" + adminUser) + "]";
    }

    public static final class Builder {
        private final String name;
        private int brokers = 1;
        private int portBase;
        private Path dataDir;
        private String clusterId;
        private final Map<String, String> brokerOverrides = new TreeMap<>();
        private final Set<SaslMechanism> saslMechanisms = new LinkedHashSet<>();
        private final Map<String, String> users = new LinkedHashMap<>();
        private String adminUser;

        private Builder(String name) {
            this.name = name;
        }

        public Builder brokers(int brokers) {
            this.brokers = brokers;
            return this;
        }

        public Builder portBase(int portBase) {
            this.portBase = portBase;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            brokerOverrides.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /**
         * Makes the client listener SASL_PLAINTEXT offering these mechanisms (the first is what
         * {@link EmbeddedKafkaCluster#clientProperties(String)} uses). SCRAM users are created when storage is
         * formatted, and upserted on start when the data directory was formatted earlier (so added users and
         * changed passwords apply; users removed from the spec keep working); PLAIN users live in the brokers' JAAS
         * configuration.
         */
        public Builder sasl(SaslMechanism... mechanisms) {
            for (SaslMechanism m : mechanisms) {
                saslMechanisms.add(Objects.requireNonNull(m));
            }
            return this;
        }

        /** A user that can log in with every configured mechanism. */
        public Builder user(String name, String password) {
            if (name == null || !USER.matcher(name).matches()) {
                throw new SandboxException("invalid user name '" + name
                        + "': use letters, digits, '.', '_', '@' or '-' (at most 64)");
            }
            if (password == null || !PASSWORD.matcher(password).matches()) {
                throw new SandboxException("invalid password for user " + name
                        + ": use 1 to 128 characters without spaces, quotes, backslashes, ',', '[', ']', '=' or ';'");
            }
            users.put(name, password);
            return this;
        }

        /**
         * Enables Kafka's StandardAuthorizer with {@code allow.everyone.if.no.acl.found=false}; {@code adminUser}
         * (one of the users) and the brokers' own principal are super users.
         */
        public Builder authorizer(String adminUser) {
            this.adminUser = Objects.requireNonNull(adminUser);
            return this;
        }

        public ClusterSpec build() {
            return new ClusterSpec(this);
        }
    }
}
