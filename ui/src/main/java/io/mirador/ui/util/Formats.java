package io.mirador.ui.util;

import java.util.Locale;

/** Number formats shared by pages. Locale-independent so tests and screenshots read the same everywhere. */
public final class Formats {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};

    private Formats() {
    }

    /** Binary multiples with one decimal: 0 B, 999 B, 12.3 KB, 1.0 MB. Negative sizes are unknown: "–". */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "–";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 KB would print as "1024.0 KB"; move it to the next unit instead.
        if (Math.round(value * 10) >= 10240 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    private static final java.util.regex.Pattern BREAK = java.util.regex.Pattern.compile(
            "(?i)<\\s*(br|/?p|/?ul|/?ol|li|/li)\\b[^>]*>");
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]*>");

    /**
     * Kafka's config documentation as plain text: it is written as HTML ({@code <code>}, {@code <p>}, lists,
     * links, entities), which a label would show raw. Tags go (paragraph and list breaks become a space), entities
     * are decoded, runs of white space become one space. Null stays null.
     */
    public static String plainText(String html) {
        if (html == null) {
            return null;
        }
        String text = BREAK.matcher(html).replaceAll(" ");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        return text.replaceAll("\\s+", " ").trim();
    }

    /** Grouped thousands: 1,234,567. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
