package dev.storyline.scheduler.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Aligned columns for the human output: a header, one line per row, long cells cut short. */
final class Table {

    private static final int MAX_CELL = 60;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("UTC"));

    private record Column(String header, Function<Map<String, Object>, Object> value) {}

    private final List<Column> columns = new ArrayList<>();

    Table column(String header, String key) {
        columns.add(new Column(header, row -> row.get(key)));
        return this;
    }

    Table column(String header, Function<Map<String, Object>, Object> value) {
        columns.add(new Column(header, value));
        return this;
    }

    @SuppressWarnings("unchecked")
    String render(Object rows) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (rows instanceof List<?> l) {
            l.forEach(r -> list.add((Map<String, Object>) r));
        }
        List<String[]> cells = new ArrayList<>();
        String[] header = columns.stream().map(Column::header).toArray(String[]::new);
        cells.add(header);
        for (Map<String, Object> row : list) {
            cells.add(columns.stream().map(c -> cell(c.value().apply(row))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : cells) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                l.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
            }
            out.append(l.toString().stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    static String cell(Object v) {
        if (v == null) {
            return "-";
        }
        String s = v instanceof List<?> l
                ? String.join("; ", l.stream().map(String::valueOf).toList())
                : String.valueOf(v);
        if (s.matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) {
            s = when(s);
        }
        s = s.replace('\n', ' ');
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
    }

    /** Instants as "2026-05-01 09:30:00 UTC"-like text without the zone noise. */
    static String when(Object iso) {
        if (iso == null) {
            return "-";
        }
        try {
            return WHEN.format(Instant.parse(String.valueOf(iso)));
        } catch (RuntimeException e) {
            return String.valueOf(iso);
        }
    }

    static String yesNo(Object b) {
        return Boolean.TRUE.equals(b) ? "yes" : "no";
    }
}
