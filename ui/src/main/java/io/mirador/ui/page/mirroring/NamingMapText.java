package io.mirador.ui.page.mirroring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The naming map as people type it: one {@code source=target} pair a line, blank lines and lines starting with
 * {@code #} ignored, spaces around names trimmed. Pure functions, any thread.
 */
final class NamingMapText {

    /** The pairs in the order typed, or why the text is not a map (then {@code map} holds the pairs up to there). */
    record Parsed(Map<String, String> map, String problem) {
        boolean valid() {
            return problem.isEmpty();
        }
    }

    private NamingMapText() {
    }

    static Parsed parse(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        Map<String, String> sourceOf = new LinkedHashMap<>();
        if (text == null) {
            return new Parsed(map, "");
        }
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = "Naming map line " + (i + 1) + " ('" + line + "')";
            if (eq < 0) {
                return new Parsed(map, where + ": write it as source-topic=target-topic.");
            }
            String source = line.substring(0, eq).strip();
            String target = line.substring(eq + 1).strip();
            if (source.isEmpty() || target.isEmpty()) {
                return new Parsed(map, where + ": both the source and the target topic are needed.");
            }
            if (map.containsKey(source)) {
                return new Parsed(map, "Naming map: " + source + " is mapped twice.");
            }
            String other = sourceOf.putIfAbsent(target, source);
            map.put(source, target);
            if (other != null) {
                // Refused even when neither topic exists yet: once both do, they would write into one topic. The
                // pair stays in the map so the preview can show the collision in red.
                return new Parsed(map, "Naming map: " + other + " and " + source + " both go to " + target + ".");
            }
        }
        return new Parsed(map, "");
    }

    /** The text that parses back to {@code map}, one pair a line, sorted by source topic. */
    static String format(Map<String, String> map) {
        return map.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }
}
