package io.mirador.ui.page.brokers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mirador.cluster.topic.ConfigValue;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;

/**
 * Writes the broker has accepted but may not report yet. A broker applies a dynamic config change when it reads
 * it back from the cluster's metadata, a moment after the write was acknowledged, so a read right after the
 * write (or the next poll) can still return the old value. Until a read confirms a write, the value saved is
 * shown instead of what the broker still says; a write no read confirms within {@link #MAX_READS} reads gives way
 * to what the broker reports.
 *
 * <p>Not thread-safe: the view-model uses it on the UI thread.
 */
final class SavedConfigs {

    /** Reads a write waits for; at {@link BrokersViewModel#CONFIRM_PERIOD} apart, about 10 s. */
    static final int MAX_READS = 20;

    /** A saved value (null: an override removed) and the reads that did not show it yet. */
    private static final class Saved {
        final String value;
        int reads;

        Saved(String value) {
            this.value = value;
        }
    }

    private final Map<String, Saved> saved = new LinkedHashMap<>();

    /** {@code name} was set to {@code value} as a per-broker override. */
    void set(String name, String value) {
        saved.put(name, new Saved(value));
    }

    /** The per-broker override of {@code name} was removed. */
    void reset(String name) {
        saved.put(name, new Saved(null));
    }

    boolean isEmpty() {
        return saved.isEmpty();
    }

    void clear() {
        saved.clear();
    }

    /**
     * The configs to show for a list just read from the broker: writes it confirms are forgotten, the others keep
     * showing their saved value (a removed override cannot be shown before the broker says what applies instead,
     * so it keeps its row until then).
     */
    List<ConfigValue> apply(List<ConfigValue> read) {
        List<ConfigValue> shown = new ArrayList<>(read);
        saved.entrySet().removeIf(entry -> {
            String name = entry.getKey();
            Saved write = entry.getValue();
            Optional<ConfigValue> now = read.stream().filter(c -> c.name().equals(name)).findFirst();
            if (confirms(now, write) || ++write.reads > MAX_READS) {
                return true;
            }
            if (write.value != null) {
                shown.replaceAll(c -> c.name().equals(name) ? overridden(c, write.value) : c);
            }
            return false;
        });
        return shown;
    }

    /** The configs shown now with the writes not confirmed yet in place; nothing is counted as a read. */
    List<ConfigValue> show(List<ConfigValue> shown) {
        List<ConfigValue> result = new ArrayList<>(shown);
        saved.forEach((name, write) -> {
            if (write.value != null) {
                result.replaceAll(c -> c.name().equals(name) ? overridden(c, write.value) : c);
            }
        });
        return result;
    }

    private static boolean confirms(Optional<ConfigValue> now, Saved write) {
        if (write.value == null) {
            return now.isEmpty() || now.get().source() != ConfigSource.DYNAMIC_BROKER_CONFIG;
        }
        // A sensitive value reads back masked: that it is a per-broker override is all a read can confirm.
        return now.isPresent() && now.get().source() == ConfigSource.DYNAMIC_BROKER_CONFIG
                && (now.get().isSensitive() || write.value.equals(now.get().value()));
    }

    private static ConfigValue overridden(ConfigValue c, String value) {
        return new ConfigValue(c.name(), c.isSensitive() ? c.value() : value, false, c.isSensitive(), c.isReadOnly(),
                ConfigSource.DYNAMIC_BROKER_CONFIG, c.documentation());
    }
}
