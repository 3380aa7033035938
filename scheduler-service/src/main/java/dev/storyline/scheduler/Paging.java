package dev.storyline.scheduler;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The paging parameters of the admin API's lists, declared once so that every list refuses the same values in
 * the same words. A list keeps its own default page size: its parameters are, e.g.,
 * {@code @RequestParam(defaultValue = "50") @Paging.Limit int limit} and
 * {@code @RequestParam(defaultValue = "0") @Paging.Offset int offset}.
 *
 * <p>They are constraints composed of {@code @Min} and {@code @Max}, not an object bound from the query, so
 * that a refusal still names the parameter, a value that is not a number is answered with the allowed range
 * (the admin API's errors read the {@code @Max} message) and the OpenAPI description keeps the range.
 */
public final class Paging {

    private static final String LIMIT = "a whole number from 1 to 500";
    private static final String OFFSET = "a whole number from 0 to 1000000";

    private Paging() {}

    /** How many entries a page has at most: 1 to 500. */
    @Min(value = 1, message = LIMIT)
    @Max(value = 500, message = LIMIT)
    @Constraint(validatedBy = {})
    @Documented
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Limit {
        String message() default LIMIT;

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** How many entries to skip: 0 to 1,000,000. */
    @Min(value = 0, message = OFFSET)
    @Max(value = 1_000_000, message = OFFSET)
    @Constraint(validatedBy = {})
    @Documented
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Offset {
        String message() default OFFSET;

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }
}
