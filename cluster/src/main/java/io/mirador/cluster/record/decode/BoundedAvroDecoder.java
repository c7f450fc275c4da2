package io.mirador.cluster.record.decode;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary encoding read from a byte range, refusing any length or count the remaining bytes cannot
 * hold. Avro's own BinaryDecoder allocates a string's declared length before reading it and loops over an
 * array's declared count, so bytes read with the wrong schema (AUTO trying a local schema on any value) could
 * ask for gigabytes or spin for ever; here they fail at once as corrupt.
 */
final class BoundedAvroDecoder extends Decoder {

    /** Items that may take no bytes (null, empty records) beyond what the remaining bytes could hold. */
    private static final int ZERO_WIDTH_SLACK = 1024;

    private final byte[] bytes;
    private final int end;
    private int pos;

    BoundedAvroDecoder(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Bytes not yet read: a value read with the right schema leaves none. */
    int remaining() {
        return end - pos;
    }

    @Override
    public int remainingBytes() {
        return remaining();
    }

    @Override
    public void readNull() {
    }

    @Override
    public boolean readBoolean() throws IOException {
        return bytes[take(1)] != 0;
    }

    @Override
    public int readInt() throws IOException {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IOException("corrupt Avro int: " + value);
        }
        return (int) value;
    }

    @Override
    public long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = bytes[take(1)] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1); // zig-zag
            }
        }
        throw new IOException("corrupt Avro varint: more than 10 bytes");
    }

    @Override
    public float readFloat() throws IOException {
        int at = take(4);
        int bits = (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
        return Float.intBitsToFloat(bits);
    }

    @Override
    public double readDouble() throws IOException {
        int at = take(8);
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | (bytes[at + i] & 0xff);
        }
        return Double.longBitsToDouble(bits);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length();
        int at = take(length);
        Utf8 result = old == null ? new Utf8() : old;
        result.setByteLength(length);
        System.arraycopy(bytes, at, result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = length();
        int at = take(length);
        return new String(bytes, at, length, StandardCharsets.UTF_8);
    }

    @Override
    public void skipString() throws IOException {
        take(length());
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = length();
        int at = take(length);
        ByteBuffer result = old != null && old.capacity() >= length ? old.clear() : ByteBuffer.allocate(length);
        result.put(bytes, at, length).flip();
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        take(length());
    }

    @Override
    public void readFixed(byte[] into, int start, int length) throws IOException {
        System.arraycopy(bytes, take(length), into, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        take(length);
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return blockCount();
    }

    @Override
    public long arrayNext() throws IOException {
        return blockCount();
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks();
    }

    @Override
    public long readMapStart() throws IOException {
        return blockCount();
    }

    @Override
    public long mapNext() throws IOException {
        return blockCount();
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks();
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /** A block's item count; a negative count is followed by the block's size in bytes, unused here. */
    private long blockCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            count = -count;
            readLong();
        }
        if (count > (long) remaining() + ZERO_WIDTH_SLACK) {
            throw new IOException("corrupt Avro block: " + count + " items in " + remaining() + " bytes");
        }
        return count;
    }

    /** Skips whole blocks that declare their size; returns the count of the first block that does not. */
    private long skipBlocks() throws IOException {
        while (true) {
            long count = readLong();
            if (count >= 0) {
                if (count > (long) remaining() + ZERO_WIDTH_SLACK) {
                    throw new IOException("corrupt Avro block: " + count + " items in " + remaining() + " bytes");
                }
                return count;
            }
            long size = readLong();
            if (size < 0 || size > remaining()) {
                throw new IOException("corrupt Avro block size: " + size);
            }
            take((int) size);
        }
    }

    private int length() throws IOException {
        long length = readLong();
        if (length < 0 || length > remaining()) {
            throw new EOFException("corrupt Avro length " + length + " with " + remaining() + " bytes left");
        }
        return (int) length;
    }

    /** Claims {@code n} bytes and returns where they start; fails when fewer remain. */
    private int take(int n) throws EOFException {
        if (n < 0 || n > end - pos) {
            throw new EOFException("value ends early: needed " + n + " more bytes, " + (end - pos) + " left");
        }
        int at = pos;
        pos += n;
        return at;
    }
}
