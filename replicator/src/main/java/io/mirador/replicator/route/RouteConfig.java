package io.mirador.replicator.route;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * A route's settings, Kafka style: each key a constant with its doc and default, validated once, immutable
 * after (like MirrorMaker 2's {@code MirrorSourceConfig}). Built from a {@link RouteDefinition}.
 */
public final class RouteConfig extends AbstractConfig {

    public static final String NAME = "name";
    public static final String SOURCE = "source";
    public static final String TARGET = "target";
    public static final String TOPICS = "topics";
    public static final String TOPICS_DOC = "Source topics always copied (whitelist), matched by exact name. A route with"
            + " neither topics nor an include pattern is valid and idle, as uReplicator's controller starts: it copies"
            + " nothing until topics are whitelisted or a pattern is set.";
    public static final String INCLUDE = "topics.include";
    public static final String INCLUDE_DOC = "Regular expression of further source topics to copy; empty for none.";
    public static final String EXCLUDE = "topics.exclude";
    public static final String EXCLUDE_DOC = "Regular expression of source topics never to copy (the whitelist wins).";
    public static final String NAMING = "naming.policy";
    public static final String NAMING_DOC = "How target topics are named: identity, prefix (<alias>.<topic>) or map.";
    public static final String SOURCE_ALIAS = "naming.prefix.alias";
    public static final String SOURCE_ALIAS_DOC = "Prefix of the prefix policy; the source cluster's name when empty.";
    public static final String WORKERS = "workers";
    public static final String WORKERS_DOC = "Number of workers (consumer/producer pairs) copying this route's partitions.";
    /** Two: on the 2-core reference machine two workers copy faster than one (see MirroringBenchmark). */
    public static final int WORKERS_DEFAULT = 2;
    public static final String MAX_BYTES = "rate.limit.bytes.per.second";
    public static final String MAX_BYTES_DOC = "Upper bound on bytes copied per second by the whole route; 0 for none.";
    public static final String MAX_RECORDS = "rate.limit.records.per.second";
    public static final String MAX_RECORDS_DOC = "Upper bound on records copied per second by the whole route; 0 for none.";
    public static final String PROVENANCE = "provenance.header.enabled";
    public static final String PROVENANCE_DOC = "Add the mirador.provenance header (source cluster id, topic, partition, offset).";
    public static final String PAUSED = "paused";
    public static final String DATA_LOSS_POLICY = "data.loss.policy";
    public static final String DATA_LOSS_POLICY_DOC = "When the source deleted records (retention, deleteRecords) before"
            + " they were copied, the gap is always reported; then continue from the source's first record, or stop"
            + " the partition until the route is restarted.";

    public static final String EXACTLY_ONCE = "exactly.once.enabled";
    public static final String EXACTLY_ONCE_DOC = "Copy with Kafka transactions: the source is read read_committed, each"
            + " partition's records and its source offsets are committed together on the target, so a read_committed"
            + " reader of the target sees every record exactly once, also after crashes.";
    public static final String SYNC_GROUPS = "sync.group.offsets.enabled";
    public static final String SYNC_GROUPS_DOC = "Translate the committed offsets of consumer groups on copied topics to"
            + " the same groups on the target, every few seconds, while those groups have no members on the target.";
    public static final String GROUPS_INCLUDE = "groups.include";
    public static final String GROUPS_INCLUDE_DOC = "Regular expression of consumer groups whose offsets are synced.";
    public static final String GROUPS_EXCLUDE = "groups.exclude";
    public static final String GROUPS_EXCLUDE_DOC = "Regular expression of consumer groups never synced (the console"
            + " tools' and Connect's own groups by default).";
    public static final String GROUPS_EXCLUDE_DEFAULT = "console-consumer-.*|connect-.*|__.*";

    static final ConfigDef DEF = new ConfigDef()
            .define(NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, "Route name.")
            .define(SOURCE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, "Source cluster name.")
            .define(TARGET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH, "Target cluster name.")
            .define(TOPICS, Type.LIST, List.of(), Importance.HIGH, TOPICS_DOC)
            .define(INCLUDE, Type.STRING, "", RouteConfig::validRegex, Importance.HIGH, INCLUDE_DOC)
            .define(EXCLUDE, Type.STRING, "", RouteConfig::validRegex, Importance.MEDIUM, EXCLUDE_DOC)
            .define(NAMING, Type.STRING, "identity", ConfigDef.ValidString.in("identity", "prefix", "map"), Importance.MEDIUM, NAMING_DOC)
            .define(SOURCE_ALIAS, Type.STRING, "", Importance.LOW, SOURCE_ALIAS_DOC)
            .define(WORKERS, Type.INT, WORKERS_DEFAULT, Range.between(1, 64), Importance.MEDIUM, WORKERS_DOC)
            .define(MAX_BYTES, Type.LONG, 0L, Range.atLeast(0), Importance.LOW, MAX_BYTES_DOC)
            .define(MAX_RECORDS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW, MAX_RECORDS_DOC)
            .define(PROVENANCE, Type.BOOLEAN, true, Importance.LOW, PROVENANCE_DOC)
            .define(PAUSED, Type.BOOLEAN, false, Importance.LOW, "Whether the route is paused.")
            .define(DATA_LOSS_POLICY, Type.STRING, "continue", ConfigDef.ValidString.in("continue", "stop"),
                    Importance.MEDIUM, DATA_LOSS_POLICY_DOC)
            .define(EXACTLY_ONCE, Type.BOOLEAN, false, Importance.MEDIUM, EXACTLY_ONCE_DOC)
            .define(SYNC_GROUPS, Type.BOOLEAN, true, Importance.MEDIUM, SYNC_GROUPS_DOC)
            .define(GROUPS_INCLUDE, Type.STRING, ".*", RouteConfig::validRegex, Importance.LOW, GROUPS_INCLUDE_DOC)
            .define(GROUPS_EXCLUDE, Type.STRING, GROUPS_EXCLUDE_DEFAULT, RouteConfig::validRegex, Importance.LOW,
                    GROUPS_EXCLUDE_DOC);

    private final RouteDefinition definition;
    private final Map<String, String> namingMap;

    private RouteConfig(Map<String, Object> props, RouteDefinition definition) {
        super(DEF, props, false);
        this.definition = definition;
        this.namingMap = definition.namingMap();
    }

    /** Validates a definition; a {@link ConfigException} names the bad key and why. */
    public static RouteConfig from(RouteDefinition d) {
        Map<String, Object> props = new HashMap<>();
        putIfSet(props, NAME, d.name());
        putIfSet(props, SOURCE, d.source());
        putIfSet(props, TARGET, d.target());
        props.put(TOPICS, d.topics());
        putIfSet(props, INCLUDE, d.include());
        putIfSet(props, EXCLUDE, d.exclude());
        putIfSet(props, NAMING, d.naming());
        putIfSet(props, SOURCE_ALIAS, d.sourceAlias());
        putIfSet(props, WORKERS, d.workers());
        putIfSet(props, MAX_BYTES, d.maxBytesPerSecond());
        putIfSet(props, MAX_RECORDS, d.maxRecordsPerSecond());
        putIfSet(props, PROVENANCE, d.provenanceHeader());
        putIfSet(props, PAUSED, d.paused());
        putIfSet(props, DATA_LOSS_POLICY, d.onDataLoss());
        putIfSet(props, EXACTLY_ONCE, d.exactlyOnce());
        putIfSet(props, SYNC_GROUPS, d.syncGroupOffsets());
        putIfSet(props, GROUPS_INCLUDE, d.groupsInclude());
        putIfSet(props, GROUPS_EXCLUDE, d.groupsExclude());
        RouteConfig config = new RouteConfig(props, d);
        if ("map".equals(config.getString(NAMING)) && d.namingMap().isEmpty()) {
            throw new ConfigException(NAMING, "map", "the map naming policy needs a naming map");
        }
        if (config.source().equals(config.target()) && config.namingPolicyName().equals("identity")) {
            throw new ConfigException(TARGET, config.target(),
                    "source and target are the same cluster: identity naming would copy topics onto themselves");
        }
        return config;
    }

    public RouteDefinition definition() {
        return definition;
    }

    public String name() {
        return getString(NAME);
    }

    public String source() {
        return getString(SOURCE);
    }

    public String target() {
        return getString(TARGET);
    }

    public List<String> topics() {
        return getList(TOPICS);
    }

    public int workers() {
        return getInt(WORKERS);
    }

    public long maxBytesPerSecond() {
        return getLong(MAX_BYTES);
    }

    public long maxRecordsPerSecond() {
        return getLong(MAX_RECORDS);
    }

    public boolean provenanceHeader() {
        return getBoolean(PROVENANCE);
    }

    public boolean paused() {
        return getBoolean(PAUSED);
    }

    /** Whether a partition stops when the source deleted records before they were copied. */
    public boolean stopOnDataLoss() {
        return "stop".equals(getString(DATA_LOSS_POLICY));
    }

    public boolean exactlyOnce() {
        return getBoolean(EXACTLY_ONCE);
    }

    public boolean syncGroupOffsets() {
        return getBoolean(SYNC_GROUPS);
    }

    /** Groups to sync; null matches every group. */
    public Pattern groupsInclude() {
        return pattern(GROUPS_INCLUDE);
    }

    /** Groups never synced; null excludes none. */
    public Pattern groupsExclude() {
        return pattern(GROUPS_EXCLUDE);
    }

    public String namingPolicyName() {
        return getString(NAMING);
    }

    public TopicFilter topicFilter() {
        return new DefaultTopicFilter(topics(), pattern(INCLUDE), pattern(EXCLUDE));
    }

    public NamingPolicy namingPolicy() {
        return switch (namingPolicyName()) {
            case "prefix" -> NamingPolicy.prefix(getString(SOURCE_ALIAS).isEmpty() ? source() : getString(SOURCE_ALIAS));
            case "map" -> NamingPolicy.map(namingMap);
            default -> NamingPolicy.IDENTITY;
        };
    }

    private Pattern pattern(String key) {
        String regex = getString(key);
        return regex.isEmpty() ? null : Pattern.compile(regex);
    }

    private static void putIfSet(Map<String, Object> props, String key, Object value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    private static void validRegex(String name, Object value) {
        if (value == null || value.toString().isEmpty()) {
            return;
        }
        try {
            Pattern.compile(value.toString());
        } catch (PatternSyntaxException e) {
            throw new ConfigException(name, value, "not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** The documented keys, for {@code --help} texts and the docs. */
    public static String documentation() {
        return DEF.toRst();
    }
}
