package io.mirador.ui.service;

import java.util.List;

import io.mirador.cluster.broker.LogDirUsage;
import io.mirador.cluster.topic.ConfigValue;

/** Brokers of a cluster: their configs and disk use. Blocking: call from worker threads only. */
public interface BrokerSource {

    /** Disk use of every live broker of {@code cluster}, sorted by broker id; also tells which brokers are live. */
    List<LogDirUsage> logDirs(String cluster);

    /** Every config of one broker, sorted by name, sensitive values masked. */
    List<ConfigValue> configs(String cluster, int brokerId);

    /** Sets a per-broker dynamic override; refused on read-only connections and for read-only configs. */
    void alterConfig(String cluster, int brokerId, String name, String value);

    /** Removes a per-broker dynamic override; refused on read-only connections. */
    void resetConfig(String cluster, int brokerId, String name);
}
