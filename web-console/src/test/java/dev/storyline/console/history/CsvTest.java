package dev.storyline.console.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void every_field_is_quoted_with_inner_quotes_doubled_and_a_line_ends_in_crlf() {
        assertThat(Csv.line(Arrays.asList("a", "b, \"c\"", null, "line\nbreak")))
                .isEqualTo("\"a\",\"b, \"\"c\"\"\",\"\",\"line\nbreak\"\r\n");
    }

    @Test
    void a_field_a_spreadsheet_would_read_as_a_formula_is_prefixed_with_an_apostrophe() {
        assertThat(Csv.field("=SUM(A1)")).isEqualTo("\"'=SUM(A1)\"");
        assertThat(Csv.field("+1")).isEqualTo("\"'+1\"");
        assertThat(Csv.field("-2")).isEqualTo("\"'-2\"");
        assertThat(Csv.field("@cmd")).isEqualTo("\"'@cmd\"");
        assertThat(Csv.field("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(Csv.field("a=1")).isEqualTo("\"a=1\"");
    }
}
