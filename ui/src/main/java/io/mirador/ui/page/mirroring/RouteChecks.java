package io.mirador.ui.page.mirroring;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.mirador.replicator.route.RouteConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * Why a route in the editor cannot be saved, as one sentence for people: first the editor's own checks, which
 * explain in the editor's words (which field, what to do), then {@link RouteConfig#from} as the final word, so
 * nothing the engine would refuse gets through. Pure, any thread.
 */
final class RouteChecks {

    /** As the REST API's rule for names that must fit in a URL path segment. */
    private static final int MAX_NAME = 200;

    private RouteChecks() {
    }

    /** @param previewProblem the first conflict of the live preview, "" when none */
    static String check(RouteEditorModel m, String previewProblem) {
        String name = m.nameProperty().get();
        if (name == null || name.isBlank()) {
            return "Enter a route name.";
        }
        if (name.length() > MAX_NAME || name.contains("/") || name.chars().anyMatch(Character::isISOControl)) {
            return "A route name has at most " + MAX_NAME + " characters and no slash.";
        }
        if (!m.editing() && m.existingNames().contains(name.strip())) {
            return "A route called " + name.strip() + " exists already.";
        }
        if (m.sourceProperty().get() == null) {
            return "Choose the source cluster.";
        }
        if (m.targetProperty().get() == null) {
            return "Choose the target cluster.";
        }
        String regex = regexProblem("Include", m.includeProperty().get());
        if (regex.isEmpty()) {
            regex = regexProblem("Exclude", m.excludeProperty().get());
        }
        if (regex.isEmpty()) {
            regex = regexProblem("Group include", m.groupsIncludeProperty().get());
        }
        if (regex.isEmpty()) {
            regex = regexProblem("Group exclude", m.groupsExcludeProperty().get());
        }
        if (!regex.isEmpty()) {
            return regex;
        }
        String numbers = numbersProblem(m);
        if (!numbers.isEmpty()) {
            return numbers;
        }
        // The engine takes a route with no topics (idle until some are whitelisted, as uReplicator's controller
        // starts), and an existing route may be one, emptied by a script: only a new route is asked for a choice.
        boolean anyChecked = m.topicChoices().stream().anyMatch(c -> c.selectedProperty().get());
        if (!m.editing() && !anyChecked && RouteNumbers.isBlank(m.includeProperty().get())) {
            return "Check topics in the list or enter an include pattern.";
        }
        RouteNaming naming = m.namingProperty().get();
        if (m.sourceProperty().get().equals(m.targetProperty().get()) && naming == RouteNaming.IDENTITY) {
            return "Source and target are the same cluster: with the same names every topic would be copied onto"
                    + " itself. Choose another target or the prefix naming.";
        }
        if (naming == RouteNaming.MAP) {
            NamingMapText.Parsed map = NamingMapText.parse(m.mapTextProperty().get());
            if (!map.valid()) {
                return map.problem();
            }
            if (map.map().isEmpty()) {
                return "Enter the naming map: one source-topic=target-topic a line.";
            }
        }
        if (!previewProblem.isEmpty()) {
            return previewProblem;
        }
        try {
            RouteConfig.from(m.definition());
        } catch (ConfigException e) {
            return "The engine refuses this route: " + e.getMessage();
        }
        return "";
    }

    private static String regexProblem(String field, String regex) {
        if (RouteNumbers.isBlank(regex)) {
            return "";
        }
        try {
            Pattern.compile(regex.strip());
            return "";
        } catch (PatternSyntaxException e) {
            return field + " pattern is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "") + ".";
        }
    }

    /** Upper bounds are left to {@link RouteConfig}, whose message names them. */
    private static String numbersProblem(RouteEditorModel m) {
        String workers = m.workersProperty().get();
        Integer count = RouteNumbers.parseInt(workers);
        if (!RouteNumbers.isBlank(workers) && (count == null || count < 1)) {
            return "Workers must be a whole number of at least 1.";
        }
        if (!wholeOrBlank(m.maxRecordsProperty().get())) {
            return "The records-per-second limit must be a whole number (blank for no limit).";
        }
        if (!wholeOrBlank(m.maxBytesProperty().get())) {
            return "The bytes-per-second limit must be a whole number (blank for no limit).";
        }
        return "";
    }

    private static boolean wholeOrBlank(String text) {
        Long value = RouteNumbers.parseLong(text);
        return RouteNumbers.isBlank(text) || (value != null && value >= 0);
    }
}
