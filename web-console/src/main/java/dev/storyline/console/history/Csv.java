package dev.storyline.console.history;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 lines for spreadsheets: every field quoted (inner quotes doubled), and a field that a
 * spreadsheet would read as a formula ({@code = + - @}, also after tab or carriage return) prefixed
 * with {@code '} so it stays text.
 */
final class Csv {

    private Csv() {}

    static String line(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
