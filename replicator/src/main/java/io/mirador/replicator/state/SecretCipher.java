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
    private volatile SecretKey key;

    private SecretCipher(Path keyFile, SecretKey key) {
        this.keyFile = keyFile;
        this.key = key;
    }

    /** The cipher for a store opened with {@code pathOrJdbcUrl} (see the class comment for where keys live). */
    static SecretCipher forStore(String pathOrJdbcUrl) {
        if (pathOrJdbcUrl.startsWith("jdbc:h2:mem:")) {
            return new SecretCipher(null, newKey());
        }
        if (pathOrJdbcUrl.startsWith("jdbc:")) {
            String configured = System.getProperty(KEY_FILE_PROPERTY);
            return new SecretCipher(configured != null ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".mirador", "secrets.key"), null);
        }
        String base = pathOrJdbcUrl.startsWith("~") ? System.getProperty("user.home") + pathOrJdbcUrl.substring(1)
                : pathOrJdbcUrl;
        if (base.endsWith(".mv.db")) {
            base = base.substring(0, base.length() - ".mv.db".length());
        }
        return new SecretCipher(Path.of(base + ".key").toAbsolutePath(), null);
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
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(false), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StateStoreException("cannot decrypt " + what + ": the key file " + keyFile
                    + " is not the one it was written with", e);
        }
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
        try {
            if (!Files.exists(keyFile)) {
                if (!createIfMissing) {
                    throw new StateStoreException("cannot decrypt stored secrets: the key file " + keyFile + " is missing");
                }
                create();
            }
            byte[] raw = Base64.getDecoder().decode(Files.readString(keyFile).strip());
            if (raw.length != 32) {
                throw new StateStoreException("the key file " + keyFile + " is damaged: expected a 256-bit key");
            }
            return new SecretKeySpec(raw, "AES");
        } catch (IOException | IllegalArgumentException e) {
            throw new StateStoreException("cannot read the key file " + keyFile + ": " + e.getMessage(), e);
        }
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
