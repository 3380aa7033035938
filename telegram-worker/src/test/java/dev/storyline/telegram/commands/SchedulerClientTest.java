package dev.storyline.telegram.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.contracts.admin.AdminApiProperties;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerClientTest {

    private static SchedulerClient client(String url, String token) {
        return new SchedulerClient(new SchedulerApiProperties(url, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new AdminApiProperties(token), new ObjectMapper().findAndRegisterModules());
    }

    @Test
    void an_unreachable_scheduler_is_a_readable_error() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client("http://127.0.0.1:" + port, "t").accounts())
                .isInstanceOf(SchedulerApiException.class).hasMessageContaining("unreachable at http://127.0.0.1:" + port);
    }

    @Test
    void without_the_admin_token_nothing_is_called() {
        assertThatThrownBy(() -> client("http://127.0.0.1:1", "").accounts())
                .isInstanceOf(SchedulerApiException.class).hasMessageContaining("STORYLINE_ADMIN_TOKEN");
    }

    @Test
    void account_ids_never_reach_a_url_unchecked() {
        assertThatThrownBy(() -> client("http://127.0.0.1:1", "t").pause("../dlq"))
                .isInstanceOf(SchedulerApiException.class).hasMessageContaining("not an account id");
    }

    @Test
    void the_api_is_healthy_only_when_enabled_with_a_healthy_token_and_not_resting() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(new SchedulerClient.Account("a", true, false, true, false, null, 6, "UTC").apiState(now)).isEqualTo(SchedulerClient.ApiState.HEALTHY);
        assertThat(new SchedulerClient.Account("a", true, false, true, false, now.minusSeconds(1), 6, "UTC").apiState(now)).isEqualTo(SchedulerClient.ApiState.HEALTHY);
        assertThat(new SchedulerClient.Account("a", true, false, true, false, now.plusSeconds(60), 6, "UTC").apiState(now)).isEqualTo(SchedulerClient.ApiState.RESTING);
        assertThat(new SchedulerClient.Account("a", true, false, false, false, null, 6, "UTC").apiState(now)).isEqualTo(SchedulerClient.ApiState.TOKEN_UNHEALTHY);
        assertThat(new SchedulerClient.Account("a", false, false, true, false, null, 6, "UTC").apiState(now)).isEqualTo(SchedulerClient.ApiState.OFF);
    }

    @Test
    void resume_buttons_fit_in_64_bytes_and_parse_back() {
        String longest = "a".repeat(61);
        ResumeChoice choice = new ResumeChoice(SchedulerClient.Overdue.RESCHEDULE, longest);
        assertThat(choice.encode()).hasSize(64);
        assertThat(ResumeChoice.parse(choice.encode())).contains(choice);
        assertThat(ResumeChoice.fits(longest)).isTrue();
        assertThat(ResumeChoice.fits("a".repeat(62))).isFalse();
        assertThat(ResumeChoice.parse("OX:main")).isEmpty();
        assertThat(ResumeChoice.parse("P:AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
    }
}
