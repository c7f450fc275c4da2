package io.mirador.cluster.record;

import java.util.List;

/**
 * Receives a read's results on the reading thread: matching records once per poll batch (never one call per
 * record), then the progress. Implementations hand them to another thread if they must; they must not block for
 * long, or the read slows down.
 */
public interface ScanListener {

    void onRecords(List<KafkaRecord> batch);

    default void onProgress(ScanProgress progress) {
    }
}
