package dev.storyline.token.health;

import dev.storyline.token.store.StoredToken;
import dev.storyline.token.store.TokenStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code storyline_token_hours_to_expiry{account}}: hours until each active token expires (negative
 * once expired), for an alert rule well before the 60 days run out. The expiries are cached from the
 * store on every loop tick and after each change; the hours are computed at scrape time.
 */
@Component
public class TokenMetrics {

    static final String NAME = "storyline_token_hours_to_expiry";

    private final TokenStore store;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    public TokenMetrics(TokenStore store, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.meters = meters;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void update() {
        Map<String, Instant> current = new ConcurrentHashMap<>();
        for (StoredToken token : store.allActive()) {
            current.put(token.accountId(), token.expiresAt());
        }
        expiries.putAll(current);
        expiries.keySet().retainAll(current.keySet());
        current.keySet()
                .forEach(account -> gauges.computeIfAbsent(
                        account,
                        a -> Gauge.builder(NAME, this, m -> m.hoursFor(a))
                                .description("Hours until the account's Instagram token expires")
                                .tag("account", a)
                                .register(meters)));
        gauges.entrySet().removeIf(entry -> {
            if (current.containsKey(entry.getKey())) {
                return false;
            }
            meters.remove(entry.getValue());
            return true;
        });
    }

    double hoursFor(String account) {
        Instant expiresAt = expiries.get(account);
        return expiresAt == null ? Double.NaN : TokenHealth.hoursUntil(clock.instant(), expiresAt);
    }
}
