package io.mirador.ui.page.messages.inspect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.mirador.cluster.record.decode.DecodeContext;
import io.mirador.cluster.record.decode.Decoded;
import io.mirador.cluster.record.decode.Decoder;
import io.mirador.cluster.record.decode.Format;
import io.mirador.cluster.record.decode.SchemaRegistryClient;

/**
 * The record detail's renderer over the cluster module's {@link Decoder}: text, JSON, hex, Base64, numbers, UUID,
 * and Avro or Protobuf in the Confluent wire format with schemas from the registry configured on the selected
 * connection. One registry client per URL is kept, so schemas are fetched once. Thread-safe.
 */
public final class DecoderRenderer implements ValueRenderer {

    private final Supplier<String> registryUrl;
    private final Map<String, DecodeContext> contexts = new ConcurrentHashMap<>();

    /** @param registryUrl the schema registry URL of the cluster shown now, empty when none; any thread */
    public DecoderRenderer(Supplier<String> registryUrl) {
        this.registryUrl = registryUrl;
    }

    @Override
    public Rendered render(byte[] bytes, String formatName, int maxChars) {
        Decoded decoded = Decoder.decode(bytes, format(formatName), context(), maxChars);
        return new Rendered(name(decoded.format()), decoded.text(), decoded.truncated(),
                decoded.noteLine().orElse(""), decoded.json());
    }

    @Override
    public List<String> formats() {
        return Arrays.stream(Format.values()).filter(f -> f != Format.AUTO).map(DecoderRenderer::name).toList();
    }

    private DecodeContext context() {
        String url = registryUrl.get();
        if (url == null || url.isBlank()) {
            return DecodeContext.none();
        }
        return contexts.computeIfAbsent(url.trim(), u -> SchemaRegistryClient.forUrl(u)
                .map(DecodeContext::withRegistry).orElse(DecodeContext.none()));
    }

    /** "String", "JSON", "Hex", ... as the viewers show them. */
    static String name(Format format) {
        return switch (format) {
            case JSON, UUID -> format.name();
            case STRING -> "Text";
            default -> format.name().charAt(0) + format.name().substring(1).toLowerCase(Locale.ROOT);
        };
    }

    private static Format format(String name) {
        if (name == null || name.equals(AUTO)) {
            return Format.AUTO;
        }
        for (Format format : Format.values()) {
            if (name(format).equalsIgnoreCase(name) || format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        return Format.AUTO;
    }
}
