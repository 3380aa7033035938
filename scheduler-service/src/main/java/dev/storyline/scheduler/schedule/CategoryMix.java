package dev.storyline.scheduler.schedule;

import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import dev.storyline.platform.admin.AdminApiErrors.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The category ratios of an account (type-2 history) and their allocation to a day's slots. */
@Component
public class CategoryMix {

    public record Ratio(String category, BigDecimal ratioPercent) {}

    public record Change(
            String category, BigDecimal ratioPercent, Instant effectiveFrom, Instant effectiveTo, String changedBy) {}

    private final JdbcClient jdbc;

    public CategoryMix(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Ratio> current(String accountId) {
        return jdbc.sql("""
                        select category, ratio_percent from category_mix
                        where account_id = :a and effective_to is null order by category
                        """).param("a", accountId).query(Ratio.class).list();
    }

    public List<Change> history(String accountId) {
        return jdbc.sql("""
                        select category, ratio_percent, effective_from, effective_to, changed_by from category_mix
                        where account_id = :a order by effective_from desc, category
                        """).param("a", accountId).query(Change.class).list();
    }

    /**
     * Replaces the account's mix. The new ratios must sum to 100 and name categories that exist in the
     * library; the old rows are closed (effective_to) rather than deleted, so the history stays. A refusal
     * names each field at fault ({@code ratios.<category>}, {@code ratios}, {@code changedBy}), so a form
     * can show it next to the input it is about.
     */
    @Transactional
    public List<Ratio> replace(String accountId, Map<String, BigDecimal> ratios, String changedBy) {
        if (ratios == null || ratios.isEmpty()) {
            throw refused(
                    "the mix needs at least one category",
                    new FieldProblem("ratios", null, "at least one category with its percentage"));
        }
        if (changedBy == null || changedBy.isBlank()) {
            throw refused(
                    "say who changes the mix (changedBy)",
                    new FieldProblem("changedBy", changedBy, "who changes the mix, 1 to 100 characters"));
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> entry : ratios.entrySet()) {
            if (entry.getValue() == null || entry.getValue().signum() <= 0) {
                throw refused(
                        "ratio of '" + entry.getKey() + "' must be above 0",
                        new FieldProblem(
                                "ratios." + entry.getKey(),
                                entry.getValue() == null
                                        ? null
                                        : entry.getValue().toPlainString(),
                                "a percentage above 0 (leave a category out to give it none)"));
            }
            sum = sum.add(entry.getValue());
        }
        if (sum.compareTo(BigDecimal.valueOf(100)) != 0) {
            String total = sum.stripTrailingZeros().toPlainString();
            throw refused(
                    "ratios sum to " + total + "%; they must sum to 100%",
                    new FieldProblem("ratios", total, "percentages that sum to 100"));
        }
        List<String> known = jdbc.sql(
                        "select distinct category from media_items where account_id = :a and active order by 1")
                .param("a", accountId)
                .query(String.class)
                .list();
        List<FieldProblem> unknown = new ArrayList<>();
        for (String category : new TreeMap<>(ratios).keySet()) {
            if (!known.contains(category)) {
                unknown.add(new FieldProblem(
                        "ratios." + category,
                        category,
                        "a category of the library: " + (known.isEmpty() ? "none yet" : String.join(", ", known))));
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadInput(
                    unknown.stream()
                            .map(p -> "unknown category '" + p.given() + "' (the library has: "
                                    + String.join(", ", known) + ")")
                            .collect(Collectors.joining("; ")),
                    unknown);
        }
        // Serialise concurrent changes of one account's mix.
        jdbc.sql("select id from accounts where id = :a for update")
                .param("a", accountId)
                .query(String.class)
                .list();
        jdbc.sql("update category_mix set effective_to = now() where account_id = :a and effective_to is null")
                .param("a", accountId)
                .update();
        for (Map.Entry<String, BigDecimal> entry : new TreeMap<>(ratios).entrySet()) {
            jdbc.sql(
                            "insert into category_mix (account_id, category, ratio_percent, changed_by) values (:a, :c, :r, :by)")
                    .param("a", accountId)
                    .param("c", entry.getKey())
                    .param("r", entry.getValue())
                    .param("by", changedBy)
                    .update();
        }
        return current(accountId);
    }

    private static BadInput refused(String detail, FieldProblem problem) {
        return new BadInput(detail, List.of(problem));
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
        double total =
                ratios.stream().mapToDouble(r -> r.ratioPercent().doubleValue()).sum();
        record Share(String category, int whole, double remainder) {}
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
