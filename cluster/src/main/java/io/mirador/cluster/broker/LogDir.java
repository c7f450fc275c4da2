package io.mirador.cluster.broker;

import java.util.Map;
import java.util.OptionalLong;

/**
 * One log directory of one broker. {@code totalBytes} and {@code usableBytes} describe the volume (empty
 * when the broker does not report them); {@code sizeBytes} is what Kafka's replicas use, split per topic in
 * {@code bytesPerTopic}. {@code error} is null unless the directory is offline or failed.
 */
public record LogDir(String path, OptionalLong totalBytes, OptionalLong usableBytes, long sizeBytes,
                     Map<String, Long> bytesPerTopic, String error) {

    public LogDir {
        bytesPerTopic = Map.copyOf(bytesPerTopic);
    }

    public boolean isOnline() {
        return error == null;
    }
}
