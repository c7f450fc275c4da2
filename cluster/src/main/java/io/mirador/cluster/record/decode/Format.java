package io.mirador.cluster.record.decode;

/**
 * How the detail pane shows a key or a value. {@link #AUTO} lets {@link Decoder} choose; every other constant
 * is a user's explicit choice, honoured when the bytes allow it and otherwise explained and shown as hex.
 */
public enum Format {
    AUTO, STRING, JSON, HEX, BASE64, INT, LONG, DOUBLE, UUID, AVRO, PROTOBUF
}
