package dev.storyline.console.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The fields a refusal names, as a form shows them: plain words only, the first word for a field kept. */
class SchedulerProblemsFieldsTest {

    private final SchedulerProblems problems = new SchedulerProblems(new ObjectMapper());

    @Test
    void each_named_field_is_kept_with_what_it_allows() {
        String body = """
                {"detail":"unknown category 'pets'","errors":[
                  {"field":"ratios.pets","given":"pets","allowed":"a category of the library: memes, merch"},
                  {"field":"ratios","given":"90","allowed":"percentages that sum to 100"},
                  {"field":"ratios","given":"90","allowed":"a second word for the same field"}]}
                """;
        assertThat(problems.fields(body))
                .containsExactly(
                        java.util.Map.entry("ratios.pets", "a category of the library: memes, merch"),
                        java.util.Map.entry("ratios", "percentages that sum to 100"));
    }

    @Test
    void technical_text_a_missing_list_or_a_body_that_is_not_json_names_no_field() {
        assertThat(problems.fields("{\"errors\":[{\"field\":\"x\",\"allowed\":\"java.lang.NumberFormatException\"}]}"))
                .isEmpty();
        assertThat(problems.fields("{\"detail\":\"no account 'x'\"}")).isEmpty();
        assertThat(problems.fields("<html>502 Bad Gateway</html>")).isEmpty();
        assertThat(problems.fields(null)).isEmpty();
    }
}
