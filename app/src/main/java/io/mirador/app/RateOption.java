package io.mirador.app;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code mirror --rate}: records per second, bytes per second, or both, e.g. {@code 5000/s}, {@code 10MB/s},
 * {@code 5000/s,10MB/s}. Byte units are decimal (KB, MB, GB: powers of 1000, as the progress line's MB/s) or
 * binary (KiB, MiB, GiB). 0 means no limit, as in a route definition.
 *
 * @param recordsPerSecond 0 for no limit on records
 * @param bytesPerSecond   0 for no limit on bytes
 */
record RateOption(long recordsPerSecond, long bytesPerSecond) {

    static final String FORMS = "use records/s (5000/s), bytes/s (10MB/s, 512KiB/s) or both (5000/s,10MB/s)";
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*(?:/\\s*s)?");

    static RateOption parse(String text) {
        long records = -1;
        long bytes = -1;
        for (String part : text.split(",", -1)) {
            Matcher m = PART.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("cannot read '" + part.trim() + "' as a rate: " + FORMS);
            }
            String unit = m.group(2).toUpperCase(Locale.ROOT);
            BigDecimal amount = new BigDecimal(m.group(1));
            if (unit.isEmpty() || unit.equals("R") || unit.equals("RECORDS")) {
                if (records >= 0) {
                    throw new IllegalArgumentException("two record rates in '" + text + "': give one");
                }
                records = whole(amount, part.trim());
            } else {
                long factor = switch (unit) {
                    case "B" -> 1L;
                    case "KB" -> 1_000L;
                    case "MB" -> 1_000_000L;
                    case "GB" -> 1_000_000_000L;
                    case "KIB" -> 1L << 10;
                    case "MIB" -> 1L << 20;
                    case "GIB" -> 1L << 30;
                    default -> throw new IllegalArgumentException("unknown unit '" + m.group(2) + "' in '" + part.trim()
                            + "': " + FORMS);
                };
                if (bytes >= 0) {
                    throw new IllegalArgumentException("two byte rates in '" + text + "': give one");
                }
                bytes = whole(amount.multiply(BigDecimal.valueOf(factor)), part.trim());
            }
        }
        return new RateOption(Math.max(0, records), Math.max(0, bytes));
    }

    private static long whole(BigDecimal value, String part) {
        try {
            return value.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("rate '" + part + "' is too large");
        }
    }

    /** For picocli: a bad value is a usage error naming the option and the accepted forms. */
    static final class Converter implements ITypeConverter<RateOption> {
        @Override
        public RateOption convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
