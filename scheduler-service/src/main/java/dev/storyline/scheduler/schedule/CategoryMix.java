package dev.storyline.scheduler.schedule;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** The current category ratios of an account and their allocation to a day's slots. */
@Component
public class CategoryMix {

    public record Ratio(String category, BigDecimal ratioPercent) {
    }

    private final JdbcClient jdbc;

    public CategoryMix(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Ratio> current(String accountId) {
        return jdbc.sql("""
                        select category, ratio_percent from category_mix
                        where account_id = :a and effective_to is null order by category
                        """)
                .param("a", accountId).query(Ratio.class).list();
    }

    /** N categories in proportion to the mix (largest remainder), shuffled; empty when no mix is set. */
    public List<String> allocate(String accountId, int slots, Random random) {
        List<String> result = largestRemainder(current(accountId), slots);
        Collections.shuffle(result, random);
        return result;
    }

    static List<String> largestRemainder(List<Ratio> ratios, int slots) {
        List<String> result = new ArrayList<>(slots);
        if (ratios.isEmpty() || slots == 0) {
            return result;
        }
        double total = ratios.stream().mapToDouble(r -> r.ratioPercent().doubleValue()).sum();
        record Share(String category, int whole, double remainder) {
        }
        List<Share> shares = new ArrayList<>();
        int assigned = 0;
        for (Ratio ratio : ratios) {
            double exact = slots * ratio.ratioPercent().doubleValue() / total;
            int whole = (int) Math.floor(exact);
            shares.add(new Share(ratio.category(), whole, exact - whole));
            assigned += whole;
        }
        shares.sort(Comparator.comparingDouble(Share::remainder).reversed().thenComparing(Share::category));
        for (int i = 0; i < slots - assigned; i++) {
            Share s = shares.get(i % shares.size());
            shares.set(i % shares.size(), new Share(s.category(), s.whole() + 1, s.remainder()));
        }
        for (Share share : shares) {
            for (int i = 0; i < share.whole(); i++) {
                result.add(share.category());
            }
        }
        return result;
    }
}
