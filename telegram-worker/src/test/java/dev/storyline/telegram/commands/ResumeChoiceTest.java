package dev.storyline.telegram.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.telegram.scheduler.SchedulerClient;
import org.junit.jupiter.api.Test;

/** The /resume buttons' callback data (split off SchedulerClientTest when the scheduler client got its own package). */
class ResumeChoiceTest {

    @Test
    void resume_buttons_fit_in_64_bytes_with_their_signature_and_parse_back() {
        String longest = "a".repeat(44);
        ResumeChoice choice = new ResumeChoice(SchedulerClient.Overdue.RESCHEDULE, longest);
        assertThat(choice.encode()).hasSize(47);
        assertThat(ResumeChoice.parse(choice.encode())).contains(choice);
        assertThat(ResumeChoice.fits(longest)).isTrue();
        assertThat(ResumeChoice.fits("a".repeat(45))).isFalse();
        assertThat(ResumeChoice.parse("OX:main")).isEmpty();
        assertThat(ResumeChoice.parse("P:AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
    }
}
