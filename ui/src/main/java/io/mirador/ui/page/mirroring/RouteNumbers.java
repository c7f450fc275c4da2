package io.mirador.ui.page.mirroring;

import java.util.Locale;

/** Parsing of the editor's number fields and formatting of the routes table's numbers. Pure, any thread. */
final class RouteNumbers {

    private RouteNumbers() {
    }

    /** A whole number, or null when blank or not one (the checks tell which). */
    static Integer parseInt(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long parseLong(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.valueOf(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** 0.0, 12.5, 1,234 (no decimals from 1,000 on); "–" when unknown. */
    static String rate(Double perSecond) {
        if (perSecond == null || perSecond.isNaN()) {
            return "–";
        }
        return perSecond >= 1000 ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String count(Long n) {
        return n == null ? "–" : String.format(Locale.ROOT, "%,d", n);
    }

    /** Milliseconds; NaN (nothing copied in the last window) and null are "–". */
    static String millis(Double ms) {
        if (ms == null || ms.isNaN()) {
            return "–";
        }
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
