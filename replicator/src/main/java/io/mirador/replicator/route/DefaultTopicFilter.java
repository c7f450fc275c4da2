package io.mirador.replicator.route;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whitelist plus include pattern, minus exclude pattern; never internal topics ({@code __*}), the engine's own
 * topics ({@code mirador.*}) or MirrorMaker 2's bookkeeping topics, unless whitelisted by exact name.
 */
public final class DefaultTopicFilter implements TopicFilter {

    static final Pattern ALWAYS_EXCLUDED = Pattern.compile("__.*|mirador\\..*|.*\\.internal|mm2-.*|.*\\.checkpoints\\.internal|heartbeats");

    private final Set<String> whitelist;
    private final Pattern include;
    private final Pattern exclude;

    public DefaultTopicFilter(List<String> whitelist, Pattern include, Pattern exclude) {
        this.whitelist = Set.copyOf(whitelist);
        this.include = include;
        this.exclude = exclude;
    }

    @Override
    public boolean shouldReplicate(String topic) {
        if (whitelist.contains(topic)) {
            return true;
        }
        if (include == null || ALWAYS_EXCLUDED.matcher(topic).matches()) {
            return false;
        }
        return include.matcher(topic).matches() && (exclude == null || !exclude.matcher(topic).matches());
    }
}
