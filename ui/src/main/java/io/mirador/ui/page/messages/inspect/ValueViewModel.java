package io.mirador.ui.page.messages.inspect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One viewer of the record detail (the key or the value): the chosen format, what the renderer made of the bytes,
 * and paging through it.
 *
 * <p>Bounds, which keep the FX thread free whatever the record: a render produces at most {@link #PREVIEW_CHARS}
 * characters ({@link #LOAD_ALL_CHARS} after {@link #loadAll()}), always on the executor's workers; the view shows
 * one page of at most {@link #PAGE_CHARS} characters at a time, since a TextArea lays out all its text at once.
 * A newer {@link #show} or format change cancels the render in flight; its result is dropped.
 *
 * <p>Threading: UI thread only (callbacks of the executor arrive there).
 */
public final class ValueViewModel {

    /** Characters rendered at first: values of up to about 1 MB of text are shown whole. */
    public static final int PREVIEW_CHARS = 1 << 20;
    /** Characters rendered by "Load all" (and copied): a 20 MB text value whole, a hex dump of its first 6 MB. */
    public static final int LOAD_ALL_CHARS = 32 << 20;
    /** Characters in the text area at once. */
    public static final int PAGE_CHARS = 16 << 10;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String what;
    private final ValueRenderer renderer;
    private final TaskExecutor executor;

    private final StringProperty format = new SimpleStringProperty(this, "format", ValueRenderer.AUTO);
    private final ObservableList<String> formats = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper usedFormat = new ReadOnlyStringWrapper(this, "usedFormat", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper fallback = new ReadOnlyStringWrapper(this, "fallback", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper(this, "pageText", "");
    private final ReadOnlyStringWrapper pageLabel = new ReadOnlyStringWrapper(this, "pageLabel", "");
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(this, "page", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final ReadOnlyBooleanWrapper truncated = new ReadOnlyBooleanWrapper(this, "truncated", false);
    private final ReadOnlyBooleanWrapper canLoadAll = new ReadOnlyBooleanWrapper(this, "canLoadAll", false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyObjectWrapper<JsonNode> json = new ReadOnlyObjectWrapper<>(this, "json", null);

    private byte[] bytes;
    private boolean present;
    private int limit = PREVIEW_CHARS;
    private String text = "";
    private int[] pageStarts = {0};
    private BackgroundTask running;
    /** Bumped by every new render; a result of an older one is ignored even if its task could not be cancelled. */
    private long generation;

    /** @param what "key" or "value", for task titles and messages */
    public ValueViewModel(String what, ValueRenderer renderer, TaskExecutor executor) {
        this.what = what;
        this.renderer = renderer;
        this.executor = executor;
        Set<String> names = new LinkedHashSet<>();
        names.add(ValueRenderer.AUTO);
        renderer.formats().stream().filter(f -> !f.equalsIgnoreCase(ValueRenderer.AUTO)).forEach(names::add);
        formats.setAll(names);
        format.addListener((obs, old, now) -> {
            limit = PREVIEW_CHARS;
            render();
        });
    }

    /**
     * Shows new bytes, rendered in the format chosen now.
     *
     * @param newBytes  the key or value, null when the record has none
     * @param isPresent whether there is a record at all; false clears the viewer
     */
    public void show(byte[] newBytes, boolean isPresent) {
        bytes = newBytes;
        present = isPresent;
        limit = PREVIEW_CHARS;
        render();
    }

    /** Renders up to {@link #LOAD_ALL_CHARS}, still on a worker. */
    public void loadAll() {
        if (canLoadAll.get()) {
            limit = LOAD_ALL_CHARS;
            render();
        }
    }

    public void nextPage() {
        showPage(page.get() + 1);
    }

    public void previousPage() {
        showPage(page.get() - 1);
    }

    /**
     * The whole value in the format in use (up to {@link #LOAD_ALL_CHARS}), handed to {@code onReady} on the UI
     * thread; rendered on a worker unless the shown text is already complete.
     */
    public void copy(Consumer<String> onReady, Consumer<String> onFailure) {
        if (!truncated.get() || bytes == null) {
            onReady.accept(text);
            return;
        }
        byte[] source = bytes;
        String chosen = usedFormat.get();
        executor.submit("Copying " + what, () -> renderer.render(source, chosen, LOAD_ALL_CHARS).text(),
                onReady, failure -> onFailure.accept(Messages.oneLine(failure)));
    }

    private void render() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        long mine = ++generation;
        byte[] source = bytes;
        String chosen = format.get();
        int max = limit;
        if (!present) {
            apply(mine, new Result(new ValueRenderer.Rendered("", "", false, "", false), null, new int[] {0}));
            return;
        }
        loading.set(true);
        running = executor.submit("Rendering " + what, () -> compute(source, chosen, max),
                result -> apply(mine, result),
                failure -> {
                    if (mine == generation) {
                        loading.set(false);
                        apply(mine, new Result(new ValueRenderer.Rendered(chosen, "", false,
                                "Could not render: " + Messages.oneLine(failure), false), null, new int[] {0}));
                    }
                });
    }

    /** Worker thread: render, parse the JSON tree (small documents only), find the page breaks. */
    private Result compute(byte[] source, String chosen, int max) {
        ValueRenderer.Rendered rendered = renderer.render(source, chosen, max);
        JsonNode tree = null;
        if (rendered.json() && source != null && source.length <= BasicValueRenderer.JSON_LIMIT) {
            try {
                tree = MAPPER.readTree(source);
            } catch (IOException | RuntimeException e) {
                tree = null; // the text view still shows what the renderer made of it
            }
        }
        return new Result(rendered, tree, pageStarts(rendered.text()));
    }

    private void apply(long mine, Result result) {
        if (mine != generation) {
            return;
        }
        running = null;
        loading.set(false);
        ValueRenderer.Rendered rendered = result.rendered();
        text = rendered.text();
        pageStarts = result.pageStarts();
        usedFormat.set(rendered.format());
        truncated.set(rendered.truncated());
        canLoadAll.set(rendered.truncated() && limit < LOAD_ALL_CHARS);
        json.set(result.tree());
        fallback.set(present ? FormatFallback.of(format.get(), bytes, rendered) : "");
        note.set(noteFor(rendered));
        summary.set(summaryFor(rendered));
        pageCount.set(pageStarts.length);
        page.set(-1);
        showPage(0);
    }

    private String noteFor(ValueRenderer.Rendered rendered) {
        if (!present) {
            return "";
        }
        if (bytes == null) {
            return "No " + what + " (null)";
        }
        // A fallback's reason is in the warning above the text already.
        String remark = fallback.get().isEmpty() ? rendered.note() : "";
        if (!rendered.truncated()) {
            return remark;
        }
        String cut = "Showing the first " + Formats.count(text.length()) + " characters of "
                + Formats.bytes(bytes.length) + (limit < LOAD_ALL_CHARS ? "" : "; copy or export for the rest");
        return remark.isEmpty() ? cut : remark + ". " + cut;
    }

    private String summaryFor(ValueRenderer.Rendered rendered) {
        if (!present) {
            return "";
        }
        if (bytes == null) {
            return "null";
        }
        String size = Formats.bytes(bytes.length);
        return ValueRenderer.AUTO.equals(format.get()) && !rendered.format().isEmpty()
                ? rendered.format() + " · " + size : size;
    }

    private void showPage(int index) {
        int target = Math.max(0, Math.min(index, pageStarts.length - 1));
        if (target == page.get()) {
            return;
        }
        page.set(target);
        int from = pageStarts[target];
        int to = target + 1 < pageStarts.length ? pageStarts[target + 1] : text.length();
        pageText.set(text.substring(from, to));
        pageLabel.set(pageStarts.length <= 1 ? "" : "Page " + (target + 1) + " of " + pageStarts.length
                + " (characters " + Formats.count(from + 1L) + "–" + Formats.count(to) + " of "
                + Formats.count(text.length()) + ")");
    }

    /** Page starts: every {@link #PAGE_CHARS} characters, moved back to just after a line break when one is near. */
    static int[] pageStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int at = 0;
        while (text.length() - at > PAGE_CHARS) {
            int end = at + PAGE_CHARS;
            int newline = text.lastIndexOf('\n', end - 1);
            if (newline >= end - PAGE_CHARS / 4) {
                end = newline + 1;
            } else if (Character.isLowSurrogate(text.charAt(end))) {
                end--; // never split a surrogate pair between pages
            }
            starts.add(end);
            at = end;
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private record Result(ValueRenderer.Rendered rendered, JsonNode tree, int[] pageStarts) {
    }

    public StringProperty formatProperty() {
        return format;
    }

    public ObservableList<String> formats() {
        return formats;
    }

    /** The format in use: what Auto chose, or the fallback when the chosen one did not fit. */
    public ReadOnlyStringProperty usedFormatProperty() {
        return usedFormat.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /**
     * Why the chosen format was not used, e.g. "Not a 4-byte int (7 bytes): shown as hex"; empty when it was (or
     * Auto chose). Shown as a warning above the text.
     */
    public ReadOnlyStringProperty fallbackProperty() {
        return fallback.getReadOnlyProperty();
    }

    /** E.g. "JSON · 1.2 KB" (Auto) or "1.2 KB". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The text for the text area: one page, at most about {@link #PAGE_CHARS} characters. */
    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    /** "Page 2 of 32 (characters …)", empty when everything fits on one page. */
    public ReadOnlyStringProperty pageLabelProperty() {
        return pageLabel.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty truncatedProperty() {
        return truncated.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canLoadAllProperty() {
        return canLoadAll.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The parsed document when the value is JSON of at most 1 MB, for the folding tree; else null. */
    public ReadOnlyObjectProperty<JsonNode> jsonProperty() {
        return json.getReadOnlyProperty();
    }

    /** All the rendered text (every page). */
    public String text() {
        return text;
    }
}
