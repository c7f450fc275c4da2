package io.mirador.ui.page.messages.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DecoderRendererTest {

    private final DecoderRenderer renderer = new DecoderRenderer(() -> "");

    @Test
    void offersTheDecodersFormatsAndChoosesLikeThem() {
        assertThat(renderer.formats()).startsWith("Text", "JSON", "Hex", "Base64").contains("Avro", "Protobuf", "UUID");

        ValueRenderer.Rendered json = renderer.render("{\"a\":1}".getBytes(StandardCharsets.UTF_8), ValueRenderer.AUTO, 1000);
        assertThat(json.format()).isEqualTo("JSON");
        assertThat(json.json()).isTrue();
        assertThat(json.text()).contains("\"a\"").contains("1");

        ValueRenderer.Rendered binary = renderer.render(new byte[] {(byte) 0xFF, 0, 1}, ValueRenderer.AUTO, 1000);
        assertThat(binary.format()).isEqualTo("Hex");
        assertThat(binary.text()).startsWith("00000000  ff 00 01");

        ValueRenderer.Rendered number = renderer.render(new byte[] {0, 0, 0, 42}, "Int", 1000);
        assertThat(number.text()).isEqualTo("42");
    }
}
