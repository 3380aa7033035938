package dev.storyline.scheduler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Token and rate-limit signals reach the scheduler in any order (redelivery, retries, several
 * producers). Whatever the order, the account ends in the state of the newest signal.
 */
class ApiHealthPropertiesTest {

    private static final Duration PAUSE = Duration.ofHours(1);
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    /** A history as it happened: a token is stored (new generation), fails, is rejected, is rate limited. */
    record History(List<ApiHealth.Signal> signals, List<ApiHealth.Signal> arrivalOrder) {}

    @Property(tries = 500, shrinking = ShrinkingMode.FULL)
    void the_final_token_state_is_that_of_the_newest_generation_whatever_the_order(
            @ForAll("withGenerations") History history) {
        ApiHealth state = fold(history.arrivalOrder());

        ApiHealth.Signal newest = history.signals().stream()
                .filter(s -> s.kind() != ApiHealth.Kind.RATE_LIMITED)
                .max(Comparator.comparing(ApiHealth.Signal::generation)
                        .thenComparing(s -> s.kind() == ApiHealth.Kind.TOKEN_FAILED)
                        .thenComparing(ApiHealth.Signal::at))
                .orElse(null);
        assertThat(state.tokenHealthy())
                .as("healthy after %s", history.arrivalOrder())
                .isEqualTo(newest == null || newest.kind() == ApiHealth.Kind.TOKEN_OK);
        assertThat(state.apiPausedUntil()).isEqualTo(latestPause(history.signals()));
        assertThat(state.tokenGeneration()).isEqualTo(newest == null ? null : newest.generation());
    }

    @Property(tries = 500, shrinking = ShrinkingMode.FULL)
    void signals_that_do_not_name_their_token_are_ordered_by_time(@ForAll("someWithoutGeneration") History history) {
        ApiHealth state = fold(history.arrivalOrder());

        ApiHealth.Signal newest = history.signals().stream()
                .filter(s -> s.kind() != ApiHealth.Kind.RATE_LIMITED)
                .max(Comparator.comparing(ApiHealth.Signal::at))
                .orElse(null);
        assertThat(state.tokenHealthy())
                .as("healthy after %s", history.arrivalOrder())
                .isEqualTo(newest == null || newest.kind() == ApiHealth.Kind.TOKEN_OK);
        assertThat(state.apiPausedUntil()).isEqualTo(latestPause(history.signals()));
    }

    @Provide
    Arbitrary<History> withGenerations() {
        return histories(false);
    }

    @Provide
    Arbitrary<History> someWithoutGeneration() {
        return histories(true);
    }

    /**
     * Steps in time order: 0 stores a new token (refresh or put), 1 its refresh fails, 2 Meta rejects it
     * (fallback), 3 a rate limit, 4 Meta rejects an older token still cached somewhere (only with
     * generations: without one such a report cannot be told from a fresh one).
     */
    private static Arbitrary<History> histories(boolean dropSomeGenerations) {
        Arbitrary<List<Integer>> steps = Arbitraries.integers()
                .between(0, dropSomeGenerations ? 3 : 4)
                .list()
                .ofMinSize(1)
                .ofMaxSize(9);
        Arbitrary<List<Integer>> gaps =
                Arbitraries.integers().between(1, 90).list().ofSize(9);
        Arbitrary<List<Boolean>> named = Arbitraries.of(true, false).list().ofSize(9);
        Arbitrary<Long> shuffleSeed = Arbitraries.longs();
        return Combinators.combine(steps, gaps, named, shuffleSeed).as((s, g, n, seed) -> {
            List<ApiHealth.Signal> signals = new ArrayList<>();
            long generation = 1;
            Instant at = START;
            for (int i = 0; i < s.size(); i++) {
                at = at.plus(Duration.ofMinutes(g.get(i)));
                Long name = dropSomeGenerations && !n.get(i) ? null : generation;
                switch (s.get(i)) {
                    case 0 -> {
                        generation++;
                        signals.add(new ApiHealth.Signal(
                                ApiHealth.Kind.TOKEN_OK, dropSomeGenerations && !n.get(i) ? null : generation, at));
                    }
                    case 1, 2 -> signals.add(new ApiHealth.Signal(ApiHealth.Kind.TOKEN_FAILED, name, at));
                    case 3 -> signals.add(new ApiHealth.Signal(ApiHealth.Kind.RATE_LIMITED, null, at));
                    default ->
                        signals.add(new ApiHealth.Signal(
                                ApiHealth.Kind.TOKEN_FAILED, Math.max(1, generation - 1 - (g.get(i) % 3)), at));
                }
            }
            List<ApiHealth.Signal> arrival = new ArrayList<>(signals);
            java.util.Collections.shuffle(arrival, new Random(seed));
            return new History(List.copyOf(signals), List.copyOf(arrival));
        });
    }

    private static ApiHealth fold(List<ApiHealth.Signal> signals) {
        ApiHealth state = ApiHealth.INITIAL;
        for (ApiHealth.Signal signal : signals) {
            state = state.apply(signal, PAUSE);
        }
        return state;
    }

    private static Instant latestPause(List<ApiHealth.Signal> signals) {
        return signals.stream()
                .filter(s -> s.kind() == ApiHealth.Kind.RATE_LIMITED)
                .map(s -> s.at().plus(PAUSE))
                .max(Comparator.naturalOrder())
                .orElse(null);
    }
}
