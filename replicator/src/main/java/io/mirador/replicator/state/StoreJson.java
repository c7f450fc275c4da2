package io.mirador.replicator.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import static io.mirador.replicator.state.Reasons.reason;

/**
 * The JSON columns (cluster properties, route definitions). Thread-safe: the mapper is configured once, here,
 * and only used to read and write afterwards.
 */
final class StoreJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // RouteDefinition.isPaused() is a helper, not a property: the record component paused() is.
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

    private StoreJson() {
    }

    static String toJson(Object value, String what) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StateStoreException("cannot write " + what + " as JSON: " + reason(e), e);
        }
    }

    static <T> T fromJson(String json, Class<T> type, String what) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StateStoreException("unreadable " + what + " in the state store: " + reason(e), e);
        }
    }

    static <T> T fromJson(String json, TypeReference<T> type, String what) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StateStoreException("unreadable " + what + " in the state store: " + reason(e), e);
        }
    }
}
