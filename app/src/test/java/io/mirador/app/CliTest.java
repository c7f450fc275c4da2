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
    @ValueSource(strings = {"", "sandbox", "gui", "mirror", "replicator", "failover", "failback"})
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
            "replicator --state s --config /nonexistent/engine.properties",
            "consume -b no.such.host.invalid:9092 -t x", "consume -b 127.0.0.1:1 -t x --to tomorrow",
            "consume -b not-a-host-port -t x", "consume -b 127.0.0.1:1 -t x --command-config /nonexistent/client.properties",
            "mirror --from no.such.host.invalid:9092 --to 127.0.0.1:1 --topics x",
            "mirror --from 127.0.0.1:1 --to 127.0.0.1:2 --topics x --rate fast",
            "mirror --from 127.0.0.1:1 --to 127.0.0.1:2 --topics x -T security.protocol=NONSENSE",
            "sandbox --port-base 65530",
            "import -b 127.0.0.1:1 -t x -i /nonexistent/in.jsonl", "import -b 127.0.0.1:1 -t x -i /tmp",
            "export -b 127.0.0.1:1 -t x -o /nonexistent/dir/out.jsonl", "export -b 127.0.0.1:1 -t x -o /tmp"})
    void badArgumentsExitTwoWithOneLine(String line) {
        Result result = run(line.split(" "));
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("mirador").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnresolvableBootstrapServerIsABadArgument() {
        Result result = run("consume", "-b", "no.such.host.invalid:9092", "-t", "x");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("mirador consume: cannot resolve bootstrap server"
                + " no.such.host.invalid:9092 (see 'mirador consume --help')");
    }

    @Test
    void thePortBaseErrorNamesWhatWasTypedAndTheRange() {
        Result result = run("sandbox", "--port-base", "65530");
        assertThat(result.err()).contains("invalid port base 65530:").contains("use 1024 to 65524")
                .doesNotContain("65540");
    }

    @Test
    void importAndExportNameTheFileTheyCannotUseBeforeReadingAnything() {
        assertThat(run("import", "-b", "127.0.0.1:1", "-t", "x", "-i", "/nonexistent/in.jsonl").err().strip())
                .isEqualTo("mirador import: --input: cannot read /nonexistent/in.jsonl: no such file"
                        + " (see 'mirador import --help')");
        assertThat(run("import", "-b", "127.0.0.1:1", "-t", "x", "-i", "/tmp").err())
                .contains("--input: cannot read /tmp: it is a directory");
        // Before, export scanned the whole range and failed at the end, naming its temporary file.
        assertThat(run("export", "-b", "127.0.0.1:1", "-t", "x", "-o", "/nonexistent/dir/out.jsonl").err().strip())
                .isEqualTo("mirador export: --output: cannot write /nonexistent/dir/out.jsonl: no such directory"
                        + " /nonexistent/dir (see 'mirador export --help')");
        assertThat(run("export", "-b", "127.0.0.1:1", "-t", "x", "-o", "/tmp").err())
                .contains("--output: cannot write /tmp: it is a directory").doesNotContain(".part");
    }

    @Test
    void theToErrorListsTheStopForms() {
        Result result = run("consume", "-b", "127.0.0.1:1", "-t", "x", "--to", "tomorrow");
        assertThat(result.err()).contains("cannot read 'tomorrow' as a stop: use end, live, an offset")
                .doesNotContain("earliest");
    }

    @Test
    void mirrorNamesTheSideOfABadClientProperty() {
        Result source = run("mirror", "--from", "127.0.0.1:1", "--to", "127.0.0.1:2", "--topics", "x",
                "-S", "security.protocol=NONSENSE");
        assertThat(source.err()).contains("bad client property of the source cluster (--from)").contains("NONSENSE");
        Result target = run("mirror", "--from", "127.0.0.1:1", "--to", "127.0.0.1:2", "--topics", "x",
                "--target-property", "security.protocol=NONSENSE");
        assertThat(target.err()).contains("of the target cluster (--to)");
        // --command-config and -X apply to both sides: the source is checked first.
        Result both = run("mirror", "--from", "127.0.0.1:1", "--to", "127.0.0.1:2", "--topics", "x",
                "-X", "security.protocol=NONSENSE");
        assertThat(both.err()).contains("of the source cluster (--from)");
        Result rate = run("mirror", "--from", "127.0.0.1:1", "--to", "127.0.0.1:2", "--topics", "x", "--rate", "10XB/s");
        assertThat(rate.err()).contains("--rate").contains("unknown unit 'XB'");
    }

    @Test
    void mirrorFromAnUnreachableClusterSaysSoWithinSeconds() {
        long start = System.nanoTime();
        Result result = run("mirror", "--from", "127.0.0.1:1", "--to", "127.0.0.1:2", "--topics", "x");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(result.code()).as(result.err()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("mirador: cannot reach the source cluster (--from 127.0.0.1:1): ");
        assertThat(result.out()).as("nothing started").isEmpty();
        assertThat(seconds).as("the reason comes within the check's timeout").isLessThan(20);
    }
}
