package io.mirador.replicator.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.utils.Utils;

/**
 * The {@value #HEADER} header: where a copied record came from (its origin partition and offset) and every cluster
 * and topic it has been in, so that a record is never copied into a cluster and topic it has already been in (the
 * loop guard of active-active routes with identity naming) and a mesh copies each record once.
 *
 * <p>Value, version 1, binary to stay small (at most {@value #MAX_BYTES} bytes with the key): byte 1; the origin
 * partition and offset as unsigned varints; then one 8-byte hop per cluster and topic the record was in, oldest
 * (the origin) first, each the murmur2 hash of the Kafka cluster id and of the topic name. At most
 * {@value #MAX_HOPS} hops are kept: the origin and the latest ones. Hashes, not names: a 64-bit pair collides with
 * odds far below one in a billion for any real set of clusters and topics.
 *
 * <p>Earlier Mirador versions wrote {@code clusterId/topic/partition/offset} as text: read as one hop.
 */
final class Provenance {

    static final String HEADER = "mirador.provenance";
    static final byte VERSION = 1;
    static final int MAX_HOPS = 4;
    /** Key plus the largest value: 18 + 1 + 5 + 10 + 4 * 8. */
    static final int MAX_BYTES = 66;
    private static final long[] NO_HOPS = new long[0];

    private final int originPartition;
    private final long originOffset;
    private final long[] hops;

    private Provenance(int originPartition, long originOffset, long[] hops) {
        this.originPartition = originPartition;
        this.originOffset = originOffset;
        this.hops = hops;
    }

    /** A hop: the cluster and topic a record was in. */
    static long hop(String clusterId, String topic) {
        return ((long) hash(clusterId) << 32) | (hash(topic) & 0xffffffffL);
    }

    static int clusterOf(long hop) {
        return (int) (hop >>> 32);
    }

    static int hash(String s) {
        return Utils.murmur2(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The provenance in a header value; null when there is none or it cannot be read (then it is ignored). */
    static Provenance read(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        if (value[0] == VERSION) {
            int[] at = {1};
            long partition = readVarLong(value, at);
            long offset = readVarLong(value, at);
            int left = value.length - at[0];
            if (partition < 0 || offset < 0 || left < 0 || left % 8 != 0) {
                return null;
            }
            long[] hops = new long[left / 8];
            for (int i = 0; i < hops.length; i++) {
                long h = 0;
                for (int b = 0; b < 8; b++) {
                    h = (h << 8) | (value[at[0]++] & 0xff);
                }
                hops[i] = h;
            }
            return new Provenance((int) partition, offset, hops);
        }
        // Version 0, text: clusterId/topic/partition/offset (topics cannot hold '/').
        String text = new String(value, StandardCharsets.UTF_8);
        String[] parts = text.split("/");
        if (parts.length != 4) {
            return null;
        }
        try {
            return new Provenance(Integer.parseInt(parts[2]), Long.parseLong(parts[3]),
                    new long[] {hop(parts[0], parts[1])});
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The header value of a record copied for the first time, from {@code partition}/{@code offset} of {@code hop}. */
    static byte[] first(int partition, long offset, long hop) {
        return new Provenance(partition, offset, NO_HOPS).then(hop);
    }

    /** Whether the record has been in {@code hop}'s cluster and topic. */
    boolean visited(long hop) {
        for (long h : hops) {
            if (h == hop) {
                return true;
            }
        }
        return false;
    }

    /** The cluster hash of the record's origin. */
    int originCluster() {
        return clusterOf(hops[0]);
    }

    /**
     * The loop guard: whether a record with this provenance, read from {@code p}'s source topic {@code topic}, must
     * not be copied into {@code p}'s target: it has been in the target cluster and topic already, or its origin
     * cluster has a route of its own into the target for this topic.
     */
    boolean skipInto(PartitionProgress p, String topic, WorkerSettings.DirectRoutes directRoutes) {
        if (p.targetHop() != 0 && visited(p.targetHop())) {
            return true;
        }
        int origin = originCluster();
        return origin != p.sourceCluster() && directRoutes.exists(origin, topic);
    }

    /** The hop of the record's origin cluster and topic. */
    long origin() {
        return hops[0];
    }

    int originPartition() {
        return originPartition;
    }

    long originOffset() {
        return originOffset;
    }

    boolean hasHops() {
        return hops.length > 0;
    }

    /** This provenance with {@code hop} appended (the cluster and topic the record is copied from), encoded. */
    byte[] then(long hop) {
        long[] next;
        if (hops.length < MAX_HOPS) {
            next = Arrays.copyOf(hops, hops.length + 1);
        } else {
            next = new long[MAX_HOPS];
            next[0] = hops[0]; // the origin stays; the oldest hop after it goes
            System.arraycopy(hops, hops.length - MAX_HOPS + 2, next, 1, MAX_HOPS - 2);
        }
        next[next.length - 1] = hop;
        byte[] out = new byte[1 + 5 + 10 + next.length * 8];
        out[0] = VERSION;
        int at = writeVarLong(out, 1, originPartition);
        at = writeVarLong(out, at, originOffset);
        for (long h : next) {
            for (int b = 7; b >= 0; b--) {
                out[at++] = (byte) (h >>> (b * 8));
            }
        }
        return Arrays.copyOf(out, at);
    }

    private static int writeVarLong(byte[] out, int at, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    private static long readVarLong(byte[] in, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= in.length) {
                return -1;
            }
            byte b = in[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return -1;
    }
}
