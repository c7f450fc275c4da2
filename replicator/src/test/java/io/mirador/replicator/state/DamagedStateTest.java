package io.mirador.replicator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A state file that exists but cannot be read as a complete Mirador state is refused with one line and left as it
 * is, byte for byte; a new state is created only where no file exists; the last good copy beside it brings the
 * state back. Each state here is real: clusters (one with a secret), a route and its checkpoints, in an H2 file.
 */
class DamagedStateTest {

    private static final ClusterConnection PROD = new ClusterConnection("prod", "p1:9092",
            Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                            + " username=\"u\" password=\"s3cret\";"));
    private static final ClusterConnection DR = new ClusterConnection("dr", "dr1:9092");
    private static final RouteDefinition ROUTE = RouteDefinition.of("r1", "prod", "dr", "orders.*");
    private static final int PARTITIONS = 40;

    @TempDir
    Path dir;

    private Path base() {
        return dir.resolve("state");
    }

    private Path file() {
        return dir.resolve("state.mv.db");
    }

    private Path backup() {
        return dir.resolve("state.mv.db.bak");
    }

    // ------------------------------------------------------------------------------------ damaged files

    @ParameterizedTest(name = "truncated to {0} bytes")
    @ValueSource(ints = {0, 12_288, 20_000})
    void aTruncatedStateIsRefusedAndLeftAlone(int length) throws Exception {
        Snapshot before = fillAndClose();
        truncate(length);

        StateStoreException refused = refusedUntouched();
        assertThat(refused).hasMessageStartingWith("state file " + file() + " is damaged (")
                .hasMessageContaining(") and was left as it is: restore the last good copy " + backup());
        if (length == 0) {
            assertThat(refused).hasMessageContaining("(it is empty: 0 bytes)");
        }
        restoreBackupAndExpect(before);
    }

    @Test
    void aStateCutAfterACrashIsRefusedToo() throws Exception {
        // no clean close: H2's header then names no version, and H2 would start from whatever chunk survives
        try (JdbcReplicationStore store = JdbcReplicationStore.open(base().toString())) {
            fill(store);
            try (Connection c = DriverManager.getConnection("jdbc:h2:async:" + base(), "sa", "");
                 Statement st = c.createStatement()) {
                st.execute("SHUTDOWN IMMEDIATELY");
            }
        }
        byte[] crashed = Files.readAllBytes(file());
        for (int length : new int[] {0, 12_288, 20_000}) {
            Files.write(file(), java.util.Arrays.copyOf(crashed, length));
            assertThat(refusedUntouched()).as("cut to %d bytes", length)
                    .hasMessageStartingWith("state file " + file() + " is damaged (");
        }
    }

    /**
     * Garbage over any 4 KiB of the file: the open is refused, or the state reads exactly as it was. Never a state
     * with less in it.
     */
    @Test
    void garbageAnywhereIsRefusedOrHarmlessNeverALoss() throws Exception {
        Snapshot before = fillAndClose();
        byte[] good = Files.readAllBytes(file());
        int refusals = 0;
        Random random = new Random(7);
        for (int offset = 0; offset < good.length; offset += 4096) {
            byte[] bad = good.clone();
            for (int i = offset; i < Math.min(offset + 4096, bad.length); i++) {
                bad[i] = (byte) random.nextInt();
            }
            Files.write(file(), bad);
            Files.deleteIfExists(backup()); // so that an open that goes through saves nothing over what we compare
            try (JdbcReplicationStore store = JdbcReplicationStore.open(base().toString())) {
                assertThat(Snapshot.of(store)).as("garbage at %d of %d bytes", offset, good.length).isEqualTo(before);
            } catch (StateStoreException e) {
                refusals++;
                assertThat(e.getMessage()).as("garbage at %d", offset)
                        .startsWith("state file " + file() + " is damaged (").doesNotContain("\n");
                assertThat(Files.readAllBytes(file())).as("garbage at %d: file left as it was", offset).isEqualTo(bad);
            }
        }
        assertThat(refusals).as("live data was overwritten somewhere").isPositive();
    }

    /** Cut at any 4 KiB boundary short of the whole file: refused, or the state reads as it was. */
    @Test
    void aCutAnywhereIsRefusedOrHarmlessNeverALoss() throws Exception {
        Snapshot before = fillAndClose();
        byte[] good = Files.readAllBytes(file());
        for (int length = 0; length < good.length; length += 4096) {
            Files.write(file(), java.util.Arrays.copyOf(good, length));
            Files.deleteIfExists(backup());
            try (JdbcReplicationStore store = JdbcReplicationStore.open(base().toString())) {
                assertThat(Snapshot.of(store)).as("cut to %d of %d bytes", length, good.length).isEqualTo(before);
            } catch (StateStoreException e) {
                assertThat(e.getMessage()).startsWith("state file " + file() + " is damaged (");
                assertThat(Files.size(file())).isEqualTo(length);
            }
        }
    }

    @Test
    void anH2FileWithoutTablesIsNotANewState() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base(), "sa", "")) {
            assertThat(c.isValid(1)).isTrue(); // H2 creates an empty database, as a crash before the schema would leave it
        }
        assertThat(refusedUntouched()).hasMessage("state file " + file() + " is damaged (an H2 database without any"
                + " table: no Mirador state is left in it) and was left as it is: restore it from a backup, or move the"
                + " file away to start afresh");
    }

    @Test
    void aMiradorStateMissingATableIsRefused() throws Exception {
        fillAndClose();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base(), "sa", "");
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE checkpoints");
        }
        assertThat(refusedUntouched()).hasMessageStartingWith("state file " + file()
                + " is damaged (incomplete: table CHECKPOINTS missing) and was left as it is: restore the last good"
                + " copy " + backup());
    }

    @Test
    void anotherApplicationsH2FileIsRefusedWithWhatToDo() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base(), "sa", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE invoices (id INT PRIMARY KEY)");
        }
        assertThat(refusedUntouched()).hasMessage("state database " + file() + " is not a Mirador state store (found"
                + " tables: INVOICES) and was left as it is: use another state path, or move the file away to start"
                + " afresh");
    }

    // ------------------------------------------------------------------------------------ new state, backups

    @Test
    void aNewStateIsCreatedWholeWhereNoFileExists() throws Exception {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(base().toString())) {
            assertThat(store.routes()).isEmpty();
            try (var files = Files.list(dir)) {
                assertThat(files).as("no temporary file left, no backup of a new state")
                        .containsExactly(file());
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(file(), backup());
        }
        assertThat(Files.readAllBytes(backup())).isEqualTo(Files.readAllBytes(file()));
    }

    @Test
    void everyOpenSavesTheFileAsItWasBeforeWritingAndEveryCleanCloseAsItIsThen() throws Exception {
        fillAndClose();
        byte[] afterClose = Files.readAllBytes(file());
        Files.delete(backup());
        try (JdbcReplicationStore store = JdbcReplicationStore.open(base().toString())) {
            assertThat(Files.readAllBytes(backup())).as("saved at open").isEqualTo(afterClose);
            store.deleteRoute("r1");
            assertThat(Files.readAllBytes(backup())).as("not while open").isEqualTo(afterClose);
        }
        assertThat(Files.readAllBytes(backup())).as("saved at close").isEqualTo(Files.readAllBytes(file()));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(file(), backup(), dir.resolve("state.key"));
        }
    }

    @Test
    void withoutABackupTheRefusalSaysSo() throws Exception {
        fillAndClose();
        Files.delete(backup());
        truncate(20_000);
        assertThat(refusedUntouched()).hasMessageEndingWith(" and was left as it is: restore it from a backup, or move"
                + " the file away to start afresh");
    }

    // ------------------------------------------------------------------------------------------ the key

    @Test
    void aMissingKeyIsRefusedAtOpenAndNoNewKeyIsMade() throws Exception {
        fillAndClose();
        Path key = dir.resolve("state.key");
        Files.delete(key);
        assertThat(refusedUntouched()).hasMessage("the key file " + key + " is missing, and state " + file()
                + " holds 1 encrypted secret written with it: restore the key file (a new key cannot read them)");
        assertThat(key).doesNotExist();
    }

    @ParameterizedTest(name = "key file holding \"{0}\"")
    @ValueSource(strings = {"", "not base64 at all!", "c2hvcnQga2V5"})
    void aDamagedKeyIsRefusedAtOpen(String content) throws Exception {
        fillAndClose();
        Path key = dir.resolve("state.key");
        Files.writeString(key, content);
        assertThat(refusedUntouched()).hasMessageStartingWith("the key file " + key + " is damaged (")
                .hasMessageEndingWith(": restore it; state " + file() + " holds 1 encrypted secret that only it can"
                        + " read");
        assertThat(Files.readString(key)).isEqualTo(content);
    }

    @Test
    void anotherKeyIsRefusedAtOpen() throws Exception {
        fillAndClose();
        Path key = dir.resolve("state.key");
        Files.writeString(key, java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(refusedUntouched()).hasMessage("the key file " + key + " is not the one the 1 encrypted secret in"
                + " state " + file() + " were written with: restore that key file");
    }

    @Test
    void aDamagedKeyWithoutSecretsIsRefusedWithLighterAdvice() throws Exception {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(base().toString())) {
            store.putCluster(DR);
        }
        Path key = dir.resolve("state.key");
        Files.writeString(key, "garbage");
        assertThat(refusedUntouched()).hasMessageEndingWith(": restore it, or delete it if no secret was ever saved in"
                + " state " + file() + " (a new one is created when needed)");
        Files.delete(key);
        try (JdbcReplicationStore store = JdbcReplicationStore.open(base().toString())) {
            store.putCluster(PROD);
            assertThat(store.cluster("prod")).contains(PROD);
        }
        assertThat(key).exists();
    }

    @Test
    void theKeyOfAStateOpenedByUrlIsCheckedToo() throws Exception {
        Path key = dir.resolve("url-secrets.key");
        String url = "jdbc:h2:file:" + dir.resolve("viaurl");
        String previous = System.setProperty(SecretCipher.KEY_FILE_PROPERTY, key.toString());
        try {
            try (JdbcReplicationStore store = JdbcReplicationStore.open(url)) {
                store.putCluster(PROD);
            }
            Files.delete(key);
            assertThatThrownBy(() -> JdbcReplicationStore.open(url)).isInstanceOf(StateStoreException.class)
                    .hasMessageStartingWith("the key file " + key + " is missing");
            assertThat(key).doesNotExist();
        } finally {
            if (previous == null) {
                System.clearProperty(SecretCipher.KEY_FILE_PROPERTY);
            } else {
                System.setProperty(SecretCipher.KEY_FILE_PROPERTY, previous);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Snapshot fillAndClose() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(base().toString())) {
            fill(store);
            return Snapshot.of(store);
        }
    }

    private static void fill(ReplicationStore store) {
        store.putCluster(PROD);
        store.putCluster(DR);
        store.putRoute(ROUTE);
        // rounds of checkpoints, as a running route writes them: many commits, many H2 versions
        for (int round = 1; round <= 20; round++) {
            List<Checkpoint> checkpoints = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                checkpoints.add(new Checkpoint("r1", "orders", p, round * 1_000L + p, p % 3, round * 900L + p,
                        1_700_000_000_000L + round));
            }
            store.saveCheckpoints(checkpoints);
        }
    }

    private void truncate(long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.setLength(length);
        }
    }

    /** Opens the state, expects a one-line refusal, and checks that no file in the directory changed. */
    private StateStoreException refusedUntouched() throws IOException {
        Map<Path, byte[]> before = contents();
        StateStoreException refused = null;
        try {
            JdbcReplicationStore.open(base().toString()).close();
        } catch (StateStoreException e) {
            refused = e;
        }
        assertThat(refused).as("the open is refused").isNotNull();
        assertThat(refused.getMessage()).doesNotContain("\n");
        Map<Path, byte[]> after = contents();
        assertThat(after.keySet()).as("files in %s", dir).isEqualTo(before.keySet());
        before.forEach((path, bytes) -> assertThat(after.get(path)).as("%s unchanged", path).isEqualTo(bytes));
        return refused;
    }

    private Map<Path, byte[]> contents() throws IOException {
        Map<Path, byte[]> contents = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                contents.put(p, Files.readAllBytes(p));
            }
        }
        return contents;
    }

    private void restoreBackupAndExpect(Snapshot before) throws IOException {
        Files.copy(backup(), file(), StandardCopyOption.REPLACE_EXISTING);
        try (JdbcReplicationStore store = JdbcReplicationStore.open(base().toString())) {
            assertThat(Snapshot.of(store)).isEqualTo(before);
        }
    }

    /** What matters in a state: connections (secrets decrypted), routes, where copying resumes. */
    private record Snapshot(List<ClusterConnection> clusters, List<RouteDefinition> routes,
                            Map<TopicPartition, Checkpoint> checkpoints) {

        static Snapshot of(ReplicationStore store) {
            return new Snapshot(store.clusters(), store.routes(), store.checkpoints("r1"));
        }
    }
}
