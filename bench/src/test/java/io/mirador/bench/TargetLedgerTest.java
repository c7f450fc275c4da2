package io.mirador.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Which kill a duplicate is counted for: the soak's duplicates per kill depend on it. */
class TargetLedgerTest {

    @Test
    void aDuplicateCountsForTheKillRightAfterItsPreviousCopy() {
        // One target partition. Start 1 writes 0..5 and is killed (kill 1) with 3..5 not checkpointed; the
        // restart copies 3 and 4 again and is killed (kill 2) before catching up, its copies of 3 and 4 not
        // checkpointed either; the last start copies 3, 4, 5 and then 6..7.
        int[] offsets = {0, 1, 2, 3, 4, 5, /* kill 1 */ 3, 4, /* kill 2 */ 3, 4, 5, 6, 7};
        Map<Integer, int[]> sequences = new TreeMap<>(Map.of(0, offsets));
        List<Map<Integer, Long>> boundaries = List.of(Map.of(0, 6L), Map.of(0, 8L));

        long[] dups = TargetLedger.duplicatesPerKill(sequences, 8, boundaries);

        // Kill 1 caught 3, 4, 5 uncheckpointed: 3 and 4 copied again by the restart, 5 by the last start.
        // Kill 2 caught the restart's copies of 3 and 4, copied again by the last start.
        assertThat(dups).containsExactly(0, 3, 2);
    }

    @Test
    void aKillBeforeTheTopicExistedCausesNothingAndRepeatsWithinOneStartAreApart() {
        // Two partitions; kill 1 came before anything was written (no end offsets); then one start wrote
        // everything, with record 1 twice (a retry within one start, no kill between).
        Map<Integer, int[]> sequences = new TreeMap<>(Map.of(0, new int[] {0, 2, 1, -1}, 1, new int[] {1, 3}));
        long[] dups = TargetLedger.duplicatesPerKill(sequences, 4, List.of(Map.of()));

        assertThat(dups).containsExactly(1, 0);
    }
}
