package io.mirador.cluster.record;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.record.TimestampType;

/**
 * Every match of a search, on disk: a search has no result cap, so its results cannot all live in memory. Records
 * are appended to a temporary file in a compact binary form; a sparse index (one file position per
 * {@value #INDEX_EVERY} records) lets {@link #read} fetch any page quickly while memory stays a few bytes per
 * hundred matches. The file is deleted on {@link #close()}.
 *
 * <p>Thread-safe: the search thread appends while the UI thread's pager reads.
 */
public final class ResultSpool implements AutoCloseable {

    static final int INDEX_EVERY = 256;

    private final Path file;
    private final DataOutputStream out;
    private final RandomAccessFile in;
    private long written;
    private long size;
    private long[] index = new long[64];
    private boolean closed;

    public ResultSpool() {
        try {
            file = Files.createTempFile("mirador-search-", ".spool");
            file.toFile().deleteOnExit();
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            in = new RandomAccessFile(file.toFile(), "r");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for search results", e);
        }
    }

    public synchronized void append(List<KafkaRecord> records) {
        try {
            for (KafkaRecord r : records) {
                if (size % INDEX_EVERY == 0) {
                    int slot = (int) (size / INDEX_EVERY);
                    if (slot == index.length) {
                        index = Arrays.copyOf(index, index.length * 2);
                    }
                    index[slot] = written;
                }
                written += write(r);
                size++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write search results to " + file, e);
        }
    }

    public synchronized long size() {
        return size;
    }

    /** Up to {@code count} records from position {@code from} (0-based, in the order they were appended). */
    public synchronized List<KafkaRecord> read(long from, int count) {
        List<KafkaRecord> page = new ArrayList<>();
        if (from < 0 || from >= size || count <= 0) {
            return page;
        }
        try {
            out.flush();
            in.seek(index[(int) (from / INDEX_EVERY)]);
            DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(new InputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            }, 1 << 16));
            for (long skip = from % INDEX_EVERY; skip > 0; skip--) {
                readRecord(data);
            }
            long end = Math.min(size, from + count);
            for (long i = from; i < end; i++) {
                page.add(readRecord(data));
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read search results from " + file, e);
        }
    }

    private int write(KafkaRecord r) throws IOException {
        int before = out.size();
        byte[] topic = r.topic().getBytes(StandardCharsets.UTF_8);
        out.writeShort(topic.length);
        out.write(topic);
        out.writeInt(r.partition());
        out.writeLong(r.offset());
        out.writeLong(r.timestamp());
        out.writeByte(r.timestampType().id);
        out.writeInt(r.leaderEpoch());
        writeBytes(r.key());
        writeBytes(r.value());
        out.writeInt(r.recordHeaders().size());
        for (KafkaRecord.RecordHeader h : r.recordHeaders()) {
            out.writeUTF(h.key());
            writeBytes(h.value());
        }
        // DataOutputStream.size() wraps past 2 GB; the difference of two wrapped values is still right.
        return out.size() - before;
    }

    private void writeBytes(byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static KafkaRecord readRecord(DataInputStream data) throws IOException {
        byte[] topic = new byte[data.readUnsignedShort()];
        data.readFully(topic);
        int partition = data.readInt();
        long offset = data.readLong();
        long timestamp = data.readLong();
        TimestampType type = timestampType(data.readByte());
        int epoch = data.readInt();
        byte[] key = readBytes(data);
        byte[] value = readBytes(data);
        int headerCount = data.readInt();
        List<KafkaRecord.RecordHeader> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            headers.add(new KafkaRecord.RecordHeader(data.readUTF(), readBytes(data)));
        }
        return new KafkaRecord(new String(topic, StandardCharsets.UTF_8), partition, offset, timestamp, type, key,
                value, headers, epoch);
    }

    private static TimestampType timestampType(int id) {
        for (TimestampType type : TimestampType.values()) {
            if (type.id == id) {
                return type;
            }
        }
        return TimestampType.NO_TIMESTAMP_TYPE;
    }

    private static byte[] readBytes(DataInputStream data) throws IOException {
        int length = data.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        data.readFully(bytes);
        return bytes;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            in.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
