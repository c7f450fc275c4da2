package io.mirador.bench;

/**
 * One way of copying the backlog. Each run copies it into a fresh target topic and is timed from the start of
 * the copy (its own start-up included) until the target holds every record; tearing down is not timed. The
 * contender deletes its target topic afterwards.
 */
interface Contender {

    String name();

    /** Copies the whole backlog once. */
    CopyTime copy(int round) throws Exception;

    /** Milliseconds from the start until the target held its first record, and until it held them all. */
    record CopyTime(double firstRecordMs, double elapsedMs) {

        static CopyTime since(long startNanos, long firstRecordNanos) {
            long now = System.nanoTime();
            return new CopyTime((firstRecordNanos - startNanos) / 1e6, (now - startNanos) / 1e6);
        }
    }
}
