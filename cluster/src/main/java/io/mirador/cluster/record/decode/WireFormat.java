package io.mirador.cluster.record.decode;

/**
 * Confluent's Schema Registry wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * payload. For Protobuf the payload starts with the message-index path: a zig-zag varint count, then that
 * many zig-zag varint indexes, where a lone count of 0 stands for the path [0] (the first message).
 */
final class WireFormat {

    static final int HEADER_BYTES = 5;

    /** Deeper paths than this are not written by any serializer; reading one means the bytes are not this. */
    private static final int MAX_PATH = 64;

    private WireFormat() {
    }

    static boolean hasHeader(byte[] bytes) {
        return bytes.length >= HEADER_BYTES && bytes[0] == 0;
    }

    static int schemaId(byte[] bytes) {
        return (bytes[1] & 0xff) << 24 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 8 | (bytes[4] & 0xff);
    }

    /** The message-index path and where the Protobuf payload starts. */
    record MessageIndexes(int[] path, int payloadOffset) {
    }

    /** @throws IllegalArgumentException when the bytes after the header are not an index path */
    static MessageIndexes messageIndexes(byte[] bytes) {
        int[] at = {HEADER_BYTES};
        int count = zigzagVarint(bytes, at);
        if (count == 0) {
            return new MessageIndexes(new int[] {0}, at[0]);
        }
        if (count < 0 || count > MAX_PATH) {
            throw new IllegalArgumentException("bad Protobuf message-index count " + count);
        }
        int[] path = new int[count];
        for (int i = 0; i < count; i++) {
            path[i] = zigzagVarint(bytes, at);
        }
        return new MessageIndexes(path, at[0]);
    }

    private static int zigzagVarint(byte[] bytes, int[] at) {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (at[0] >= bytes.length) {
                throw new IllegalArgumentException("Protobuf message indexes end early");
            }
            int b = bytes[at[0]++] & 0xff;
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalArgumentException("bad varint in Protobuf message indexes");
    }
}
