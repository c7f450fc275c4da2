package io.mirador.ui.page.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.mirador.cluster.ClusterException;
import io.mirador.cluster.group.OffsetChange;
import io.mirador.cluster.group.ResetSpec;
import io.mirador.ui.page.groups.ResetOffsetsViewModel.Mode;
import io.mirador.ui.task.DirectTaskExecutor;
import org.junit.jupiter.api.Test;

/** The reset dialog's model alone, without JavaFX: inputs, preview, apply. */
class GroupsResetOffsetsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeGroupSource source = new FakeGroupSource();
    private final List<String> appliedMessages = new ArrayList<>();
    private final ResetOffsetsViewModel model = new ResetOffsetsViewModel("local-a", "idle-app",
            List.of("payments", "orders"), source, executor, TOKYO, appliedMessages::add);

    @Test
    void startsWithEveryTopicTickedToTheEarliestAndNothingToApply() {
        assertThat(model.topics()).extracting(ResetOffsetsViewModel.TopicChoice::name).containsExactly("orders", "payments");
        assertThat(model.selectedTopics()).containsExactly("orders", "payments");
        assertThat(model.modeProperty().get()).isEqualTo(Mode.EARLIEST);
        assertThat(model.canPreviewProperty().get()).isTrue();
        assertThat(model.canApplyProperty().get()).isFalse();
        assertThat(model.zoneText()).contains("Asia/Tokyo");
    }

    @Test
    void applyWritesExactlyThePreviewedOffsets() {
        model.modeProperty().set(Mode.SHIFT);
        model.shiftProperty().set(" -3 ");
        model.preview();

        assertThat(model.previewRows()).extracting(OffsetChange::topic, OffsetChange::partition, OffsetChange::target)
                .containsExactly(tuple("orders", 0, 2L), tuple("orders", 1, 2L), tuple("payments", 0, 2L),
                        tuple("payments", 1, 2L));
        assertThat(model.messageProperty().get()).isEqualTo("4 partitions, 4 moving.");
        List<OffsetChange> previewed = List.copyOf(model.previewRows());

        model.apply();

        assertThat(source.applied).containsExactly(previewed);
        assertThat(model.appliedProperty().get()).isTrue();
        assertThat(model.canApplyProperty().get()).isFalse();
        assertThat(model.canPreviewProperty().get()).isFalse();
        assertThat(appliedMessages).containsExactly("Reset 4 partitions of group idle-app.");
    }

    @Test
    void anyInputChangeDropsThePreviewSoApplyNeedsANewOne() {
        model.preview();
        assertThat(model.canApplyProperty().get()).isTrue();

        model.modeProperty().set(Mode.LATEST);
        assertThat(model.previewRows()).isEmpty();
        assertThat(model.canApplyProperty().get()).isFalse();
        model.apply();
        assertThat(source.applied).isEmpty();

        model.preview();
        assertThat(model.previewRows()).extracting(OffsetChange::target).containsOnly(100L);
        model.topics().get(0).selectedProperty().set(false);
        assertThat(model.previewRows()).isEmpty();

        model.preview();
        assertThat(model.previewRows()).extracting(OffsetChange::topic).containsOnly("payments");
    }

    @Test
    void aPreviewOfOlderInputsIsDroppedWhenItArrives() {
        executor.holdWork();
        model.preview();
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.canPreviewProperty().get()).isFalse();

        model.modeProperty().set(Mode.OFFSET);
        model.offsetProperty().set("7");
        executor.runPending();

        assertThat(model.previewRows()).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.canApplyProperty().get()).isFalse();
    }

    @Test
    void theDateAndTimeAreReadInTheUsersZone() {
        model.modeProperty().set(Mode.TIMESTAMP);
        model.dateProperty().set(LocalDate.of(2024, 3, 1));
        model.timeProperty().set("9:30");

        long expected = ZonedDateTime.of(2024, 3, 1, 9, 30, 0, 0, TOKYO).toInstant().toEpochMilli();
        assertThat(model.spec()).isEqualTo(ResetSpec.toTimestamp(expected));
        assertThat(expected).isEqualTo(ZonedDateTime.of(2024, 3, 1, 0, 30, 0, 0, ZoneId.of("UTC")).toInstant().toEpochMilli());

        model.timeProperty().set("09:30:15.250");
        assertThat(model.spec()).isEqualTo(ResetSpec.toTimestamp(expected + 15_250));
        model.preview();
        assertThat(source.requests).last().asString().contains("ToTimestamp[epochMillis=" + (expected + 15_250) + "]");
    }

    @Test
    void badInputsBlockThePreviewWithASentence() {
        model.modeProperty().set(Mode.OFFSET);
        model.offsetProperty().set("abc");
        assertThat(model.inputProblemProperty().get()).isEqualTo("Enter the offset as a whole number, e.g. 1000.");
        assertThat(model.canPreviewProperty().get()).isFalse();
        model.preview();
        assertThat(source.requests).isEmpty();

        model.offsetProperty().set("-1");
        assertThat(model.inputProblemProperty().get()).isEqualTo("An offset cannot be negative.");
        model.offsetProperty().set("12");
        assertThat(model.inputProblemProperty().get()).isEmpty();

        model.modeProperty().set(Mode.SHIFT);
        model.shiftProperty().set("1.5");
        assertThat(model.inputProblemProperty().get()).startsWith("Enter the shift as a whole number");

        model.modeProperty().set(Mode.TIMESTAMP);
        model.timeProperty().set("25:00");
        assertThat(model.inputProblemProperty().get()).startsWith("Enter the time as HH:mm");
        model.timeProperty().set("12:00");
        model.dateProperty().set(LocalDate.of(1969, 12, 31));
        assertThat(model.inputProblemProperty().get()).isEqualTo("Choose a date from 1970 on.");
        model.dateProperty().set(null);
        assertThat(model.inputProblemProperty().get()).isEqualTo("Choose a date.");

        model.modeProperty().set(Mode.EARLIEST);
        assertThat(model.inputProblemProperty().get()).isEmpty();
        model.topics().forEach(t -> t.selectedProperty().set(false));
        assertThat(model.inputProblemProperty().get()).isEqualTo("Choose at least one topic.");
        assertThat(model.canPreviewProperty().get()).isFalse();
    }

    @Test
    void failuresAreOneLineAndKeepTheDialogOpen() {
        source.previewFailure = new ClusterException("no topic named orders on cluster local-a\nstack", null);
        model.preview();
        assertThat(model.messageProperty().get())
                .isEqualTo("Could not preview the reset: no topic named orders on cluster local-a");
        assertThat(model.busyProperty().get()).isFalse();

        source.previewFailure = null;
        model.preview();
        source.applyFailure = new ClusterException(
                "offsets of group idle-app changed since the preview (e.g. orders-0): preview the reset again", null);
        model.apply();

        assertThat(model.messageProperty().get()).isEqualTo("Could not reset offsets: offsets of group idle-app changed "
                + "since the preview (e.g. orders-0): preview the reset again");
        assertThat(model.appliedProperty().get()).isFalse();
        assertThat(appliedMessages).isEmpty();
    }

    @Test
    void notesExplainAdjustedTargets() {
        OffsetChange clamped = new OffsetChange("orders", 0, OptionalLong.of(5), 0, -10,
                OffsetChange.Adjustment.CLAMPED_TO_EARLIEST);
        OffsetChange fresh = new OffsetChange("orders", 1, OptionalLong.empty(), 3, 3, OffsetChange.Adjustment.NONE);

        assertThat(ResetInputs.note(clamped)).isEqualTo("before the log start (-10): earliest");
        assertThat(ResetInputs.note(fresh)).isEqualTo("no committed offset yet");
        assertThat(ResetInputs.summary(List.of(clamped, fresh))).isEqualTo("2 partitions, 2 moving, 1 adjusted to the log's range.");
    }
}
