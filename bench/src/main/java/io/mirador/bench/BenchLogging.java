package io.mirador.bench;

/**
 * Kafka's test-kit jar ships its own verbose log4j2 configuration; benchmarks print figures, so they pin
 * the quiet one. Must run before the first logger is created.
 */
final class BenchLogging {

    private BenchLogging() {
    }

    static void quiet() {
        System.setProperty("log4j2.configurationFile", "log4j2-bench.xml");
    }
}
