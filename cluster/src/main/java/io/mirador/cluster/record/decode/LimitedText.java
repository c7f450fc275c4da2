package io.mirador.cluster.record.decode;

import java.io.Writer;

/**
 * A writer that keeps at most {@code limit} characters and remembers whether it had to drop any. Decoders
 * poll {@link #full()} to stop producing output early, which is what bounds their work on huge values.
 */
final class LimitedText extends Writer {

    private final StringBuilder text;
    private final int limit;
    private boolean overflowed;

    LimitedText(int limit) {
        this.limit = Math.max(0, limit);
        this.text = new StringBuilder(Math.min(this.limit, 8192));
    }

    @Override
    public void write(char[] chars, int off, int len) {
        int room = limit - text.length();
        if (len > room) {
            text.append(chars, off, Math.max(0, room));
            overflowed = true;
        } else {
            text.append(chars, off, len);
        }
    }

    @Override
    public void write(String s, int off, int len) {
        int room = limit - text.length();
        if (len > room) {
            text.append(s, off, off + Math.max(0, room));
            overflowed = true;
        } else {
            text.append(s, off, off + len);
        }
    }

    LimitedText append(String s) {
        write(s, 0, s.length());
        return this;
    }

    LimitedText appendChar(char c) {
        if (text.length() < limit) {
            text.append(c);
        } else {
            overflowed = true;
        }
        return this;
    }

    /** True once no more characters fit: callers stop decoding. */
    boolean full() {
        return overflowed || text.length() >= limit;
    }

    /** Unwinds a recursive writer once the output is full: nothing more would be shown. */
    void stopIfFull() {
        if (full()) {
            throw new Full();
        }
    }

    /** Thrown by {@link #stopIfFull()}; carries no stack trace, it is control flow. */
    static final class Full extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Full() {
            super(null, null, false, false);
        }
    }

    /** True when characters were dropped. */
    boolean overflowed() {
        return overflowed;
    }

    /** The kept text, never ending in half a surrogate pair. */
    String text() {
        int n = text.length();
        if (overflowed && n > 0 && Character.isHighSurrogate(text.charAt(n - 1))) {
            n--;
        }
        return text.substring(0, n);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
