package io.mirador.broker;

import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's server calls {@code Exit.exit/halt} on fatal faults, which would end the whole desktop app or the
 * test JVM. In-process brokers must fail alone: the guard turns those calls into an exception on the
 * faulting thread and a log line. Installed once per JVM, before the first node starts.
 */
final class KafkaExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExitGuard.class);
    private static boolean installed;

    private KafkaExitGuard() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        Exit.setExitProcedure((code, message) -> refuse("exit", code, message));
        Exit.setHaltProcedure((code, message) -> refuse("halt", code, message));
        installed = true;
    }

    private static void refuse(String kind, int code, String message) {
        LOG.error("An embedded Kafka node asked to {} the JVM with code {}: {}", kind, code, message);
        throw new SandboxException("embedded Kafka node failed fatally (" + kind + " " + code + "): " + message);
    }
}
