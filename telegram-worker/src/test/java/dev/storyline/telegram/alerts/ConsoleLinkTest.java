package dev.storyline.telegram.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleLinkTest {

    @Test
    void links_to_reconnect_for_the_account_when_the_console_is_known() {
        assertThat(new ConsoleLink("https://storyline.example.com").reconnect("brand-a"))
                .isEqualTo("https://storyline.example.com/connect?account=brand-a");
        assertThat(new ConsoleLink("https://storyline.example.com/").reconnect("brand a&b"))
                .isEqualTo("https://storyline.example.com/connect?account=brand+a%26b");
    }

    @Test
    void gives_no_link_without_a_console() {
        assertThat(new ConsoleLink(null).reconnect("brand-a")).isEmpty();
        assertThat(new ConsoleLink("").reconnect("brand-a")).isEmpty();
    }
}
