package io.mirador.cluster.broker;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.SupportedVersionRange;

/**
 * What Kafka a cluster runs, read from DescribeFeatures because Kafka's Admin API offers no "version" call
 * (ApiVersions lists protocol ranges, not releases). {@code release} is the newest release whose
 * metadata.version the answering broker supports, e.g. "4.4", i.e. its software version; {@code
 * metadataVersion} is the level finalized for the whole cluster, e.g. "4.4-IV2", which may lag behind
 * after an upgrade until someone runs kafka-features upgrade. Either is null when unknown.
 */
public record KafkaVersion(String release, String metadataVersion, int metadataLevel) {

    static final String FEATURE = "metadata.version";
    /** Level 7 is the oldest KRaft metadata.version (3.3-IV3); copied from Kafka 4.4's MetadataVersion. */
    private static final int FIRST_LEVEL = 7;
    private static final List<String> NAMES = List.of(
            "3.3-IV3", "3.4-IV0", "3.5-IV0", "3.5-IV1", "3.5-IV2", "3.6-IV0", "3.6-IV1", "3.6-IV2",
            "3.7-IV0", "3.7-IV1", "3.7-IV2", "3.7-IV3", "3.7-IV4", "3.8-IV0", "3.9-IV0",
            "4.0-IV0", "4.0-IV1", "4.0-IV2", "4.0-IV3", "4.1-IV0", "4.1-IV1", "4.2-IV0", "4.2-IV1",
            "4.3-IV0", "4.4-IV0", "4.4-IV1", "4.4-IV2");

    public static final KafkaVersion UNKNOWN = new KafkaVersion(null, null, -1);

    public static KafkaVersion from(FeatureMetadata features) {
        FinalizedVersionRange finalized = features.finalizedFeatures().get(FEATURE);
        SupportedVersionRange supported = features.supportedFeatures().get(FEATURE);
        int level = finalized == null ? -1 : finalized.maxVersionLevel();
        String release = supported == null ? null : name(supported.maxVersion()).map(KafkaVersion::release)
                .orElse("newer than 4.4");
        String metadata = level < 0 ? null : name(level).orElse("level " + level);
        return new KafkaVersion(release, metadata, level);
    }

    /** "4.4-IV2" for level 33; empty for levels this table does not know. */
    static Optional<String> name(int level) {
        int index = level - FIRST_LEVEL;
        return index >= 0 && index < NAMES.size() ? Optional.of(NAMES.get(index)) : Optional.empty();
    }

    private static String release(String metadataVersionName) {
        return metadataVersionName.substring(0, metadataVersionName.indexOf('-'));
    }
}
