package io.mirador.cluster.record;

/**
 * How far a read is, reported after every poll.
 *
 * @param scanned  records read so far, matching or not
 * @param matched  records handed over so far
 * @param total    records the read will scan at most (sum over partitions of stop − start); -1 when live
 * @param elapsedNanos time since the read started
 */
public record ScanProgress(long scanned, long matched, long total, long position, long elapsedNanos) {

    /** Share of the range done, 0 to 1; -1 for a live read. */
    public double fraction() {
        if (total < 0) {
            return -1;
        }
        return total == 0 ? 1 : Math.min(1.0, (double) position / total);
    }

    public double recordsPerSecond() {
        return elapsedNanos <= 0 ? 0 : scanned * 1e9 / elapsedNanos;
    }
}
