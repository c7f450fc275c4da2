package io.mirador.ui.page.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.mirador.cluster.acl.ClientQuota;
import io.mirador.cluster.acl.QuotaAdmin;
import io.mirador.cluster.acl.QuotaEntity;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The fields of a new or edited client quota while someone fills them in. Whom it applies to is a user, a client
 * id or both ({@link QuotaEntity#DEFAULT} for the default); each limit is a number, or empty for none. Editing
 * an existing quota fixes the entity; emptying a limit that was set removes it. UI thread only; holds no Node.
 */
public final class QuotaDraft {

    /** The quota keys in the order a form shows them. */
    public static final List<String> KEYS = List.of(QuotaAdmin.PRODUCER_BYTE_RATE, QuotaAdmin.CONSUMER_BYTE_RATE,
            QuotaAdmin.REQUEST_PERCENTAGE, QuotaAdmin.CONTROLLER_MUTATION_RATE);

    private final ClientQuota original;
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty clientId = new SimpleStringProperty(this, "clientId", "");
    private final Map<String, StringProperty> limits = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    /** A new quota. */
    public QuotaDraft() {
        this(null);
    }

    /** An edit of {@code original}, or a new quota when null. */
    public QuotaDraft(ClientQuota original) {
        this.original = original;
        for (String key : KEYS) {
            limits.put(key, new SimpleStringProperty(this, key, ""));
        }
        if (original != null) {
            user.set(Objects.requireNonNullElse(original.entity().user(), ""));
            clientId.set(Objects.requireNonNullElse(original.entity().clientId(), ""));
            original.limits().forEach((key, value) -> {
                if (limits.containsKey(key)) {
                    limits.get(key).set(number(value));
                }
            });
        }
        List<Observable> fields = new ArrayList<>(limits.values());
        fields.add(user);
        fields.add(clientId);
        fields.forEach(f -> f.addListener(o -> validate()));
        validate();
    }

    /** Whether this edits an existing quota, whose user and client id then cannot change. */
    public boolean isEdit() {
        return original != null;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty clientIdProperty() {
        return clientId;
    }

    /** The text of one limit; {@code key} is one of {@link #KEYS}. */
    public StringProperty limitProperty(String key) {
        StringProperty p = limits.get(key);
        if (p == null) {
            throw new IllegalArgumentException("unknown quota " + key);
        }
        return p;
    }

    /** Why these fields make no quota, in a sentence; empty when they do. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** @throws IllegalArgumentException when neither a user nor a client id is given */
    public QuotaEntity entity() {
        if (original != null) {
            return original.entity();
        }
        return new QuotaEntity(blankToNull(user.get()), blankToNull(clientId.get()));
    }

    /**
     * The limits to set, by key.
     *
     * @throws IllegalArgumentException naming the first limit that is not a positive number
     */
    public Map<String, Double> limits() {
        Map<String, Double> set = new LinkedHashMap<>();
        limits.forEach((key, text) -> {
            String t = Objects.requireNonNullElse(text.get(), "").trim();
            if (!t.isEmpty()) {
                double value;
                try {
                    value = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + " must be a number, not '" + t + "'");
                }
                if (!(value > 0) || Double.isInfinite(value)) {
                    throw new IllegalArgumentException(key + " must be a positive number");
                }
                set.put(key, value);
            }
        });
        return set;
    }

    /** Keys the edited quota had that are now empty: saving removes them. */
    public List<String> removedKeys() {
        if (original == null) {
            return List.of();
        }
        return original.limits().keySet().stream()
                .filter(k -> !limits.containsKey(k) || limits.get(k).get() == null || limits.get(k).get().isBlank())
                .toList();
    }

    private void validate() {
        try {
            entity();
            if (limits().isEmpty() && removedKeys().isEmpty()) {
                problem.set("Give at least one limit.");
            } else {
                problem.set("");
            }
        } catch (IllegalArgumentException e) {
            String m = Objects.requireNonNullElse(e.getMessage(), "invalid quota");
            problem.set(m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1) + ".");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** 1024.0 as "1024", 0.5 as "0.5". */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
