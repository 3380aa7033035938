package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.scheduler.accounts.Account;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotTimesTest {

    private static Account account(int perDay, int start, int end, String zone, int jitter) {
        return new Account("a", "a", null, false, true, true, false, "", perDay, start, end, zone, jitter, null, null);
    }

    private static List<ZonedDateTime> local(Account account, LocalDate day) {
        return SlotPlanner.slotTimes(account, day, new Random(1)).stream()
                .map(i -> i.atZone(account.zone()))
                .toList();
    }

    @Test
    void spreads_slots_evenly_over_the_window_in_the_accounts_zone() {
        List<ZonedDateTime> slots = local(account(4, 9, 21, "Europe/Berlin", 0), LocalDate.of(2026, 6, 1));
        assertThat(slots)
                .extracting(z -> z.toLocalTime().toString())
                .containsExactly("10:30", "13:30", "16:30", "19:30");
    }

    @Test
    void a_window_across_midnight_continues_into_the_next_day() {
        List<ZonedDateTime> slots = local(account(3, 22, 4, "America/New_York", 0), LocalDate.of(2026, 6, 1));
        assertThat(slots)
                .extracting(ZonedDateTime::toLocalDateTime)
                .extracting(Object::toString)
                .containsExactly("2026-06-01T23:00", "2026-06-02T01:00", "2026-06-02T03:00");
    }

    @Test
    void on_the_spring_forward_day_the_window_is_an_hour_shorter_and_no_slot_is_lost() {
        // Europe/Berlin skips 02:00-03:00 on 2026-03-29; window 0-6 lasts 5 real hours.
        Account account = account(5, 0, 6, "Europe/Berlin", 0);
        List<Instant> slots = SlotPlanner.slotTimes(account, LocalDate.of(2026, 3, 29), new Random(1));
        assertThat(slots).hasSize(5);
        assertThat(Duration.between(slots.get(0), slots.get(1))).isEqualTo(Duration.ofHours(1));
        assertThat(slots.getFirst().atZone(account.zone()).toLocalTime().toString())
                .isEqualTo("00:30");
    }

    @Test
    void on_the_fall_back_day_the_window_is_an_hour_longer() {
        Account account = account(5, 0, 6, "Europe/Berlin", 0);
        List<Instant> slots = SlotPlanner.slotTimes(account, LocalDate.of(2026, 10, 25), new Random(1));
        assertThat(Duration.between(slots.getFirst(), slots.getLast())).isEqualTo(Duration.ofMinutes(4 * 84));
    }

    @Test
    void jitter_moves_slots_but_keeps_them_in_order_and_inside_the_window() {
        Account account = account(6, 9, 21, "UTC", 30);
        ZonedDateTime start = ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, ZoneId.of("UTC"));
        for (int seed = 0; seed < 50; seed++) {
            List<Instant> slots = SlotPlanner.slotTimes(account, LocalDate.of(2026, 6, 1), new Random(seed));
            assertThat(slots).isSorted();
            assertThat(slots.getFirst()).isAfterOrEqualTo(start.toInstant());
            assertThat(slots.getLast()).isBeforeOrEqualTo(start.plusHours(12).toInstant());
        }
    }

    @Test
    void zero_posts_per_day_plans_nothing() {
        assertThat(SlotPlanner.slotTimes(account(0, 9, 21, "UTC", 0), LocalDate.of(2026, 6, 1), new Random()))
                .isEmpty();
    }

    @Test
    void categories_follow_the_mix_by_largest_remainder() {
        List<CategoryMix.Ratio> mix = List.of(
                new CategoryMix.Ratio("memes", new BigDecimal("50")),
                new CategoryMix.Ratio("merch", new BigDecimal("30")),
                new CategoryMix.Ratio("quotes", new BigDecimal("20")));
        List<String> seven = CategoryMix.largestRemainder(mix, 7);
        // exact shares 3.5 / 2.1 / 1.4: wholes 3/2/1, the one left goes to the largest remainder (memes)
        assertThat(Collections.frequency(seven, "memes")).isEqualTo(4);
        assertThat(Collections.frequency(seven, "merch")).isEqualTo(2);
        assertThat(Collections.frequency(seven, "quotes")).isEqualTo(1);
        assertThat(CategoryMix.largestRemainder(mix, 10)).hasSize(10);
        assertThat(CategoryMix.largestRemainder(List.of(), 5)).isEmpty();
    }
}
