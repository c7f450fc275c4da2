package io.mirador.ui.page.topics;

import io.mirador.ui.page.FormModel;

/** Base of the page's form models: {@link FormModel} with the number parsing the topic forms share. */
abstract class Form extends FormModel {

    /** {@code text} as an int of at least {@code min}; null when it is not one. */
    static Integer parseInt(String text, int min) {
        try {
            int value = Integer.parseInt(text.trim());
            return value >= min ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code text} as a long of at least {@code min}; null when it is not one. */
    static Long parseLong(String text, long min) {
        try {
            long value = Long.parseLong(text.trim());
            return value >= min ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
