package io.mirador.ui.page.messages;

import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordScan;
import io.mirador.cluster.record.ScanListener;
import io.mirador.cluster.record.ScanProgress;
import io.mirador.ui.service.RecordSource;

/**
 * Opens reads. In the app every read is a {@link RecordScan} from the {@link RecordSource}; the seam exists
 * because RecordScan is final and always talks to Kafka, so view-model tests plug in scripted reads instead.
 */
@FunctionalInterface
interface ScanFactory {

    /** A read that is run once on a worker thread and may be cancelled from any thread. */
    interface Scan {

        /** Blocks until the read is done or cancelled; calls the listener on the calling thread. */
        ScanProgress run();

        /** Makes {@link #run()} return promptly. Any thread; idempotent. */
        void cancel();
    }

    /** Not started yet. Called on a worker thread. */
    Scan open(String cluster, ReadSpec spec, ScanListener listener);

    static ScanFactory of(RecordSource source) {
        return (cluster, spec, listener) -> {
            RecordScan scan = source.scan(cluster, spec, listener);
            return new Scan() {
                @Override
                public ScanProgress run() {
                    return scan.run();
                }

                @Override
                public void cancel() {
                    scan.cancel();
                }
            };
        };
    }
}
