package io.mirador.cluster.topic;

import io.mirador.cluster.Secrets;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;

/**
 * One configuration entry of a topic or broker as shown to people. {@code value} is {@link Secrets#MASK}
 * for sensitive entries and may be null when unset; {@code documentation} is null when the broker sends none.
 */
public record ConfigValue(String name, String value, boolean isDefault, boolean isSensitive, boolean isReadOnly,
                          ConfigSource source, String documentation) {

    public static ConfigValue of(ConfigEntry entry) {
        // Trust the broker's sensitivity flag, not Secrets.isSecret: brokers treat every password and every
        // config they do not know as sensitive, while name matching would hide e.g. delegation.token.*.ms.
        // Brokers already send null for sensitive values; the mask makes that visible instead of blank.
        String value = entry.isSensitive() ? Secrets.MASK : entry.value();
        return new ConfigValue(entry.name(), value, entry.isDefault(), entry.isSensitive(), entry.isReadOnly(),
                entry.source(), entry.documentation());
    }

    /** True when someone set this value (per topic, per broker, cluster-wide or in server.properties). */
    public boolean isOverride() {
        return source != ConfigSource.DEFAULT_CONFIG && source != ConfigSource.UNKNOWN;
    }
}
