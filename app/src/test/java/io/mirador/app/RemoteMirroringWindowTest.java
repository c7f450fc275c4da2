package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import io.mirador.cluster.ClusterConnection;
import io.mirador.ui.GuiOptions;
import io.mirador.ui.MiradorApplication;
import io.mirador.ui.page.mirroring.MirroringPage;
import io.mirador.ui.page.mirroring.PreviewRow;
import io.mirador.ui.page.mirroring.RouteRow;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.shell.ShellViewModel.PageId;
import io.mirador.ui.task.TaskInfo;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console in remote mode: the real window (headless, in this JVM) attached to {@code mirador replicator}
 * running as a child process from the shaded jar. A route made in the window's editor is created in the child,
 * copies between two embedded clusters, the Routes table shows what the child's REST API says, and pausing from
 * the window pauses the route in the child.
 */
@Tag("integration")
class RemoteMirroringWindowTest {

    private static final Pattern LISTENING = Pattern.compile("replicator listening on (http://127\\.0\\.0\\.1:\\d+)/? .*");
    private static final String SOURCE = "remote-src";
    private static final String TARGET = "remote-dst";
    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 300;
    private static final String ROUTE = "orders-copy";
    private static final Duration UI = Duration.ofSeconds(30);
    private static final Duration COPY = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;

    private static Sandbox sandbox;
    private static Process replicator;
    private static final List<String> replicatorOutput = new CopyOnWriteArrayList<>();
    private static String replicatorUrl;
    private static MiradorApplication app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        sandbox = new Sandbox(new SandboxSpec(List.of(SOURCE, TARGET), 1, null, 0, false, 0));
        sandbox.start();
        TestTopics.create(bootstrap(SOURCE), new NewTopic(TOPIC, PARTITIONS, (short) 1));
        TestTopics.produce(bootstrap(SOURCE), RECORDS,
                i -> new ProducerRecord<>(TOPIC, i % PARTITIONS, "k" + i, "order " + i));
        assertThat(endOffsets(bootstrap(SOURCE))).as("records on the source").isEqualTo(RECORDS);
        replicatorUrl = startReplicator(temp.resolve("replicator-state"));

        // No sandbox and the state in memory: the window must reach the clusters only through saved connections,
        // as it would for clusters it does not run itself, and must leave no file behind.
        MiradorApplication.configure(new GuiOptions(null, null));
        FxToolkit.registerPrimaryStage();
        app = (MiradorApplication) FxToolkit.setupApplication(MiradorApplication.class);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (app != null) {
                // Calls MiradorApplication.stop(): the window's own engine and clients close; the child is untouched.
                FxToolkit.cleanupApplication(app);
                FxToolkit.cleanupStages();
            }
        } finally {
            try {
                stopReplicator();
            } finally {
                if (sandbox != null) {
                    sandbox.stop();
                }
            }
        }
    }

    @Test
    void aRouteMadeInTheWindowRunsInTheChildAndShowsTheChildsStatus() throws Exception {
        saveConnections();

        robot.clickOn("#nav-mirroring");
        await().atMost(UI).until(() -> present("#mirroring-attach"));
        robot.clickOn("#mirroring-attach");
        await().atMost(UI).until(() -> present("#attach-url"));
        // The field comes filled with the default port: replace it.
        fx(() -> {
            robot.lookup("#attach-url").queryAs(TextField.class).clear();
            return null;
        });
        robot.clickOn("#attach-url").write(replicatorUrl);
        robot.clickOn(dialogButton("#attach-url", ButtonType.OK));
        await().atMost(UI).until(() -> text("#mirroring-engine").equals("Engine: headless replicator at " + replicatorUrl));
        assertThat(text("#mirroring-problem")).isEmpty();

        robot.clickOn("#routes-new");
        await().atMost(UI).until(() -> present("#route-editor-name"));
        robot.clickOn("#route-editor-name").write(ROUTE);
        fx(() -> {
            this.<String>combo("#route-editor-source").setValue(SOURCE);
            this.<String>combo("#route-editor-target").setValue(TARGET);
            return null;
        });
        robot.clickOn("#route-editor-include").write(TOPIC);
        // The preview lists the source's topics through the saved connection: the editor really sees the cluster.
        await().atMost(UI).until(() -> previewSources().equals(List.of(TOPIC)));
        robot.clickOn("#route-editor-save");
        await().atMost(UI).until(() -> !present("#route-editor-name"));

        // The route lives in the child, not in the window's own engine.
        JsonNode routes = getJson("/api/v1/routes");
        assertThat(routes.findValuesAsText("name")).contains(ROUTE);
        // Blocking engine call: on this thread, never the FX thread.
        assertThat(app.context().mirroring().routes().stream().map(r -> r.name()))
                .as("the window's local engine").doesNotContain(ROUTE);

        await().atMost(COPY).until(() -> endOffsets(bootstrap(TARGET)) == RECORDS);

        // Same figures on both sides: the child's REST status and the row the table shows.
        await().atMost(COPY).until(() -> {
            JsonNode status = status();
            Optional<RouteRow> row = row();
            return status != null && row.isPresent()
                    && "RUNNING".equals(status.path("state").asText())
                    && status.path("lag").asLong(-1) == 0 && status.path("copiedRecords").asLong(-1) == RECORDS
                    && fx(() -> "RUNNING".equals(row.get().state()) && Long.valueOf(0).equals(row.get().lagProperty().get())
                            && Long.valueOf(RECORDS).equals(row.get().copiedProperty().get()));
        });
        JsonNode running = status();
        RouteRow shown = row().orElseThrow();
        assertThat(fx(shown::state)).isEqualTo(running.path("state").asText());
        assertThat(fx(() -> shown.lagProperty().get())).isEqualTo(running.path("lag").asLong());
        assertThat(fx(() -> shown.copiedProperty().get())).isEqualTo(running.path("copiedRecords").asLong());
        // What is on screen, not only in the row's model: the state badge in the table.
        assertThat(fx(() -> robot.lookup("#routes-table").lookup(".route-state").queryAllAs(Label.class).stream()
                .map(Label::getText).toList())).contains("Running");

        await().atMost(UI).until(() -> !fx(() -> robot.lookup("#routes-pause").queryAs(Button.class).isDisabled()));
        robot.clickOn("#routes-pause");
        await().atMost(UI).until(() -> {
            JsonNode status = status();
            return status != null && "PAUSED".equals(status.path("state").asText());
        });
        await().atMost(UI).until(() -> row().isPresent() && "PAUSED".equals(fx(() -> row().orElseThrow().state())));
        assertThat(getJson("/api/v1/routes/" + ROUTE).path("paused").asBoolean())
                .as("the pause is kept in the child's route definition").isTrue();
    }

    /**
     * Saves one connection per cluster through the window's Connections. Waits first for the start-up load of the
     * saved connections: its result replaces the list, and would drop a connection saved while it was in flight.
     */
    private void saveConnections() throws Exception {
        await().atMost(UI).until(() -> fx(() -> app.context().monitor().running().stream()
                .map(TaskInfo::title).noneMatch(t -> t.startsWith("Loading saved connections"))));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<String> saved = new CopyOnWriteArrayList<>();
        fx(() -> {
            for (String name : List.of(SOURCE, TARGET)) {
                app.context().connections().save(new ClusterConnection(name, bootstrap(name)), null, problem -> {
                    if (problem != null) {
                        failure.set(problem);
                    } else {
                        saved.add(name);
                    }
                });
            }
            return null;
        });
        await().atMost(UI).until(() -> saved.size() == 2 || failure.get() != null);
        assertThat(failure.get()).as("saving the connections").isNull();
        assertThat(fx(() -> app.context().connections().entries().stream().filter(ConnectionEntry::available)
                .map(ConnectionEntry::name).toList())).contains(SOURCE, TARGET);
    }

    private Optional<RouteRow> row() throws Exception {
        return fx(() -> {
            MirroringPage page = (MirroringPage) app.view().page(PageId.MIRRORING);
            // The rows of the table on screen, which must be the routes of the attached child.
            @SuppressWarnings("unchecked")
            TableView<RouteRow> table = page.routes().view().lookup("#routes-table") instanceof TableView<?> t
                    ? (TableView<RouteRow>) t : null;
            return table == null ? Optional.<RouteRow>empty()
                    : table.getItems().stream().filter(r -> r.name().equals(ROUTE)).findFirst();
        });
    }

    /** The child's status of the route, or null while it does not know the route. */
    private static JsonNode status() throws Exception {
        HttpResponse<String> response = get("/api/v1/routes/" + ROUTE + "/status");
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(replicatorUrl + path)).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The button of the dialog that holds {@code field}. */
    private Node dialogButton(String field, ButtonType type) throws Exception {
        return fx(() -> {
            Node node = robot.lookup(field).query();
            while (node != null && !(node instanceof DialogPane)) {
                node = node.getParent();
            }
            assertThat(node).as("dialog of %s", field).isNotNull();
            return ((DialogPane) node).lookupButton(type);
        });
    }

    /**
     * Runs {@code mirador replicator} from the shaded jar on an ephemeral port and returns the URL from its first
     * line. Stdout is drained all along so the child never blocks on a full pipe; stderr (its log) goes to ours.
     */
    private static String startReplicator(Path state) throws Exception {
        replicator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", SandboxProcessTest.jar().toString(), "replicator", "--state", state.toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(replicator.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    replicatorOutput.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "replicator-stdout");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !replicatorOutput.isEmpty() || !replicator.isAlive());
        assertThat(replicatorOutput).as("replicator stdout (alive: %s)", replicator.isAlive()).isNotEmpty();
        Matcher m = LISTENING.matcher(replicatorOutput.get(0));
        assertThat(m.matches()).as(replicatorOutput.get(0)).isTrue();
        return m.group(1);
    }

    /** SIGTERM, as a service manager would stop it: the child must stop cleanly and say so. */
    private static void stopReplicator() throws Exception {
        if (replicator == null) {
            return;
        }
        try {
            SandboxProcessTest.sigterm(replicator);
            assertThat(replicator.waitFor(60, TimeUnit.SECONDS)).as("replicator exits after SIGTERM").isTrue();
            assertThat(replicator.exitValue()).as("replicator exit code").isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> replicatorOutput.contains("stopped"));
        } finally {
            replicator.destroyForcibly();
        }
    }

    private static String bootstrap(String cluster) {
        return sandbox.cluster(cluster).orElseThrow().bootstrapServers();
    }

    /** Records in the topic's partitions; 0 while the topic does not exist (the route creates it on the target). */
    private static long endOffsets(String bootstrap) throws Exception {
        return TestTopics.endOffsets(bootstrap, TOPIC, PARTITIONS);
    }

    @SuppressWarnings("unchecked")
    private List<String> previewSources() throws Exception {
        return fx(() -> ((TableView<PreviewRow>) robot.lookup("#route-editor-preview").queryAs(TableView.class))
                .getItems().stream().map(PreviewRow::source).toList());
    }

    @SuppressWarnings("unchecked")
    private <T> ComboBox<T> combo(String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }

    private String text(String id) throws Exception {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private boolean present(String query) throws Exception {
        return fx(() -> robot.lookup(query).tryQuery().isPresent());
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
