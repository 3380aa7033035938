package dev.storyline.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void reads_each_pair_decoded_in_the_order_given() {
        assertThat(QueryString.parse("to=2026-12-31&from=2026-12-01&account=brand%20a&q=a%2Bb+c"))
                .containsExactly(
                        entry("to", "2026-12-31"),
                        entry("from", "2026-12-01"),
                        entry("account", "brand a"),
                        entry("q", "a+b c"));
    }

    @Test
    void decodes_names_too_and_keeps_an_empty_value() {
        assertThat(QueryString.parse("redirect%5Furi=https%3A%2F%2Fconsole.example.com%2Fcb&state="))
                .containsExactly(entry("redirect_uri", "https://console.example.com/cb"), entry("state", ""));
    }

    @Test
    void the_later_of_two_pairs_with_the_same_name_wins() {
        assertThat(QueryString.parse("page=1&page=2")).containsExactly(entry("page", "2"));
    }

    @Test
    void a_value_may_hold_an_equals_sign() {
        assertThat(QueryString.parse("code=abc==")).containsEntry("code", "abc==");
    }

    @Test
    void leaves_out_pairs_without_a_name_or_without_an_equals_sign() {
        assertThat(QueryString.parse("=orphan&flag&&ok=1")).containsExactly(entry("ok", "1"));
    }

    @Test
    void nothing_null_or_blank_is_an_empty_map() {
        assertThat(QueryString.parse(null)).isEmpty();
        assertThat(QueryString.parse("")).isEmpty();
        assertThat(QueryString.parse("  ")).isEmpty();
    }
}
