package io.mirador.replicator.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.Secrets;

import static io.mirador.replicator.state.StoreJson.fromJson;
import static io.mirador.replicator.state.StoreJson.toJson;

/**
 * The {@code clusters} table: a cluster's connection, its extra client properties as JSON, secret values
 * (see {@link Secrets#isSecret}) encrypted by {@link SecretCipher}. Thread-safe.
 */
final class ClusterTable {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final StoreConnection db;
    private final SecretCipher cipher;

    ClusterTable(StoreConnection db, SecretCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    void put(ClusterConnection cluster) {
        Objects.requireNonNull(cluster, "cluster");
        Map<String, String> stored = new java.util.TreeMap<>();
        cluster.properties().forEach((k, v) -> stored.put(k, Secrets.isSecret(k) ? cipher.encrypt(v) : v));
        String properties = toJson(stored, "properties of cluster " + cluster.name());
        db.write("save cluster " + cluster.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("clusters", List.of("name"),
                    List.of("bootstrap_servers", "properties")))) {
                ps.setString(1, cluster.name());
                ps.setString(2, cluster.bootstrapServers());
                ps.setString(3, properties);
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<ClusterConnection> get(String name) {
        Objects.requireNonNull(name, "name");
        List<ClusterConnection> found = db.read("read cluster " + name, c -> query(c, name));
        return found.stream().findFirst();
    }

    List<ClusterConnection> all() {
        return db.read("read clusters", c -> query(c, null));
    }

    boolean delete(String name) {
        Objects.requireNonNull(name, "name");
        return db.write("delete cluster " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM clusters WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Every encrypted value stored in {@code c}'s clusters table, as stored: what the key must be able to read
     * ({@link SecretCipher#verify}). Reads with the caller's connection, before a store exists.
     */
    static List<String> storedSecrets(Connection c) throws SQLException {
        List<String> secrets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, properties FROM clusters ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                fromJson(rs.getString(2), STRING_MAP, "properties of cluster " + rs.getString(1)).values().stream()
                        .filter(SecretCipher::isEncrypted)
                        .forEach(secrets::add);
            }
        }
        return secrets;
    }

    /** The cluster named {@code name}, or all of them when it is null; by name. */
    private List<ClusterConnection> query(Connection c, String name) throws SQLException {
        String sql = "SELECT name, bootstrap_servers, properties FROM clusters"
                + (name == null ? "" : " WHERE name = ?") + " ORDER BY name";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<ClusterConnection> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String clusterName = rs.getString(1);
                    Map<String, String> stored = fromJson(rs.getString(3), STRING_MAP,
                            "properties of cluster " + clusterName);
                    Map<String, String> properties = new java.util.TreeMap<>();
                    stored.forEach((k, v) -> properties.put(k, cipher.decrypt(v, k + " of cluster " + clusterName)));
                    result.add(new ClusterConnection(clusterName, rs.getString(2), properties));
                }
            }
            return result;
        }
    }
}
