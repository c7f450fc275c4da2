package io.mirador.app;

import java.io.PrintWriter;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** A failover report (the engine's FailoverReport as JSON) as the terminal shows it. */
final class FailoverReportText {

    private FailoverReportText() {
    }

    static void print(JsonNode r, PrintWriter out) {
        boolean preview = r.path("preview").asBoolean();
        out.println((preview ? "preview of a failover of route " : "failed over route ") + r.path("route").asText()
                + (preview ? "" : String.format(Locale.ROOT, " (drained for %.1f s)", r.path("drainMs").asLong() / 1000.0)));
        double rpo = r.path("rpoSeconds").asDouble(Double.NaN);
        out.println(String.format(Locale.ROOT, "not on the target: %d records, the oldest %s", r.path("unmirroredRecords").asLong(),
                Double.isNaN(rpo) || r.path("rpoSeconds").isNull() ? "of unknown age" : String.format(Locale.ROOT, "%.1f s old", rpo)));
        out.println(String.format(Locale.ROOT, "%-30s %9s %12s %12s %12s %9s %14s", "TOPIC", "PARTITION", "SOURCE END",
                "CHECKPOINT", "NOT COPIED", "AGE S", "TARGET FROM"));
        for (JsonNode p : r.path("partitions")) {
            double age = p.path("oldestUnmirroredAgeSeconds").asDouble(Double.NaN);
            out.println(String.format(Locale.ROOT, "%-30s %9d %12d %12d %12d %9s %14d", p.path("topic").asText(),
                    p.path("partition").asInt(), p.path("sourceEndOffset").asLong(), p.path("checkpoint").asLong(),
                    p.path("unmirroredRecords").asLong(),
                    Double.isNaN(age) || p.path("oldestUnmirroredAgeSeconds").isNull() ? "?" : String.format(Locale.ROOT, "%.1f", age),
                    p.path("targetResumeOffset").asLong()));
        }
        if (r.path("groups").size() > 0) {
            out.println(String.format(Locale.ROOT, "%-30s %-10s %-30s %9s %12s %12s %-11s", "GROUP", "STATE", "TOPIC",
                    "PARTITION", "SOURCE AT", "TARGET AT", "TRANSLATION"));
            for (JsonNode g : r.path("groups")) {
                for (JsonNode p : g.path("partitions")) {
                    out.println(String.format(Locale.ROOT, "%-30s %-10s %-30s %9d %12d %12d %-11s", g.path("group").asText(),
                            g.path("state").asText(), p.path("topic").asText(), p.path("partition").asInt(),
                            p.path("sourceOffset").asLong(), p.path("targetOffset").asLong(), p.path("translation").asText()));
                }
            }
        }
        for (JsonNode note : r.path("notes")) {
            out.println("note: " + note.asText());
        }
        if (!preview && r.hasNonNull("failbackRoute")) {
            out.println("failback: `mirador failback --route " + r.path("route").asText() + "` resumes route "
                    + r.path("failbackRoute").asText() + " (paused now), which copies back only what the target receives"
                    + " from now on");
        }
    }
}
