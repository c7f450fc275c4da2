package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The CLI's usage contract, run in-process: help works everywhere, bad arguments exit 2 with one line. */
class CliTest {

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sandbox", "gui", "mirror", "replicator"})
    void everyCommandHasHelp(String command) {
        Result result = command.isEmpty() ? run("--help") : run(command, "--help");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: mirador").contains("--help");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void sandboxHelpDocumentsItsOptions() {
        assertThat(run("sandbox", "--help").out())
                .contains("--clusters", "--brokers", "--data-dir", "--demo", "--port-base");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox --brokers x", "sandbox --brokers 0", "sandbox --bogus", "nonsense-command",
            "sandbox --clusters a,a", "sandbox --port-base 80", "gui --brokers 12", "sandbox --demo-rate -1",
            "mirror --from a:1", "mirror --from a:1 --to b:1 --topics (", "mirror --from a:1 --to b:1 --topics x --naming rot13",
            "replicator", "replicator --state s --port 70000", "replicator --state s --bind 0.0.0.0",
            "replicator --state s --config /nonexistent/engine.properties"})
    void badArgumentsExitTwoWithOneLine(String line) {
        Result result = run(line.split(" "));
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("mirador").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }
}
