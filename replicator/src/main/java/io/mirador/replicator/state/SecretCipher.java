package io.mirador.replicator.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret cluster properties (passwords, JAAS configs) before they reach the database, so the state
 * file never holds them in plain text. AES-256-GCM with a key in a file of its own, readable by its owner only:
 * {@code <state>.key} beside an embedded state file, {@code ~/.mirador/secrets.key} for a JDBC URL (or the file
 * named by the system property {@value #KEY_FILE_PROPERTY}), and a key in memory for an in-memory database.
 * The key never goes into the database, not even a server's: whoever can read the database could then read the
 * secrets. So every process that shares a state on a server (PostgreSQL) needs a copy of the same key file, put
 * there before the first secret is saved: a process that finds none makes its own, which the others cannot read.
 *
 * <p>Values are stored as {@code enc:v1:<base64(iv | ciphertext | tag)>}. Thread-safe: the key is set once.
 */
final class SecretCipher {

    static final String KEY_FILE_PROPERTY = "mirador.secrets.key";
    private static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    /** Whether processes on other machines may share the state, and so must share the key file. */
    private final boolean shared;
    private volatile SecretKey key;

    private SecretCipher(Path keyFile, SecretKey key) {
        this(keyFile, key, false);
    }

    private SecretCipher(Path keyFile, SecretKey key, boolean shared) {
        this.keyFile = keyFile;
        this.key = key;
        this.shared = shared;
    }

    /** The cipher for a store at {@code target} (see the class comment for where keys live). */
    static SecretCipher forStore(Target target) {
        if (target.file() != null) {
            return new SecretCipher(target.file().resolveSibling(target.baseName() + ".key"), null);
        }
        if (target.url().regionMatches(true, 0, "jdbc:h2:mem:", 0, "jdbc:h2:mem:".length())) {
            return new SecretCipher(null, newKey());
        }
        String configured = System.getProperty(KEY_FILE_PROPERTY);
        return new SecretCipher(configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".mirador", "secrets.key"), null, !target.isH2());
    }

    /**
     * Checks the key against the secrets a state holds ({@code stored}, as stored), when the store opens, so that a
     * missing, damaged or wrong key is one clear refusal now rather than a failure at every later use. A key file
     * that exists must be sound even when there is nothing to decrypt yet: otherwise the next secret saved would
     * fail. Never creates a key: a missing one is created only when the first secret is saved, and it can only be
     * missing then if the state holds no secret.
     *
     * @param state the state's description, for messages
     */
    void verify(List<String> stored, String state) {
        if (keyFile == null) {
            return; // a key in memory, for a database in memory
        }
        String secrets = stored.size() == 1 ? "1 encrypted secret" : stored.size() + " encrypted secrets";
        if (!Files.exists(keyFile)) {
            if (!stored.isEmpty()) {
                throw new StateStoreException("the key file " + keyFile + " is missing, and state " + state
                        + " holds " + secrets + " written with it: restore the key file (a new key cannot read them)"
                        + sharedHint());
            }
            return;
        }
        SecretKey loaded;
        try {
            loaded = readKey();
        } catch (StateStoreException e) {
            throw new StateStoreException(e.getMessage() + ": " + (stored.isEmpty()
                    ? "restore it, or delete it if no secret was ever saved in state " + state + " (a new one is"
                    + " created when needed)"
                    : "restore it; state " + state + " holds " + secrets + " that only it can read"), e.getCause());
        }
        for (String value : stored) {
            try {
                open(loaded, value);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new StateStoreException("the key file " + keyFile + " is not the one the " + secrets
                        + " in state " + state + " were written with: restore that key file" + sharedHint(), e);
            }
        }
        synchronized (this) {
            key = loaded;
        }
    }

    private String sharedHint() {
        return shared ? "; every process sharing this state needs a copy of the same key file (here, or where -D"
                + KEY_FILE_PROPERTY + " names it)" : "";
    }

    static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(true), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new StateStoreException("cannot encrypt a secret: " + e.getMessage(), e);
        }
    }

    /** Plain values (written before secrets were encrypted) pass through unchanged. */
    String decrypt(String stored, String what) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        try {
            return open(key(false), stored);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StateStoreException("cannot decrypt " + what + ": the key file " + keyFile
                    + " is not the one it was written with" + sharedHint(), e);
        }
    }

    private static String open(SecretKey key, String stored) throws GeneralSecurityException {
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        if (in.length <= IV_BYTES) {
            throw new IllegalArgumentException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
        return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    }

    private SecretKey key(boolean createIfMissing) {
        SecretKey current = key;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (key == null) {
                key = load(createIfMissing);
            }
            return key;
        }
    }

    private SecretKey load(boolean createIfMissing) {
        if (!Files.exists(keyFile)) {
            if (!createIfMissing) {
                throw new StateStoreException("cannot decrypt stored secrets: the key file " + keyFile + " is missing");
            }
            try {
                create();
            } catch (IOException e) {
                throw new StateStoreException("cannot create the key file " + keyFile + ": " + e.getMessage(), e);
            }
        }
        return readKey();
    }

    /** The key in {@link #keyFile}, which exists; a file that holds no 256-bit key in base64 is damaged. */
    private SecretKey readKey() {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.ISO_8859_1).strip();
        } catch (IOException e) {
            throw new StateStoreException("cannot read the key file " + keyFile + ": " + e.getMessage(), e);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new StateStoreException("the key file " + keyFile + " is damaged (not a base64-encoded AES key)", e);
        }
        if (raw.length != 32) {
            throw new StateStoreException("the key file " + keyFile + " is damaged (expected a 256-bit AES key, found "
                    + raw.length * 8 + " bits)");
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** Owner-only from the first byte on: the file is created with its permissions, then written. */
    private void create() throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        String encoded = Base64.getEncoder().encodeToString(newKey().getEncoded());
        try {
            try {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(keyFile);
            }
            Files.writeString(keyFile, encoded);
        } catch (FileAlreadyExistsException raced) {
            // Another store created it first; use theirs.
        }
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new StateStoreException("cannot create an encryption key: " + e.getMessage(), e);
        }
    }
}
