package io.mirador.cluster;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Recognises secret client properties so they are never logged or shown in plain text. */
public final class Secrets {

    public static final String MASK = "******";

    private Secrets() {
    }

    /** True for passwords, JAAS configs (which embed passwords), keys and tokens. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas.config") || k.contains("secret")
                || k.contains("token") || k.endsWith(".key") || k.contains("credentials");
    }

    /** A copy with every secret value replaced by {@link #MASK}. */
    public static Map<String, String> mask(Map<String, String> properties) {
        Map<String, String> masked = new TreeMap<>();
        properties.forEach((k, v) -> masked.put(k, isSecret(k) ? MASK : v));
        return masked;
    }
}
