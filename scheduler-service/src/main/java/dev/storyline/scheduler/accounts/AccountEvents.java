package dev.storyline.scheduler.accounts;

/**
 * What the accounts feature tells the rest of the scheduler, synchronously inside the admin request,
 * so an answer comes back only once the folder is indexed and the days are planned. Listeners live in
 * the features that own the data (slots, media), so this package depends on none of them.
 */
public final class AccountEvents {

    private AccountEvents() {}

    /** An account was added ({@code before} null) or its settings changed. */
    public record Changed(Account before, Account after) {

        public boolean folderChanged() {
            return before == null || !before.mediaSubdir().equals(after.mediaSubdir());
        }

        /** Anything that decides when slots fall. */
        public boolean planChanged() {
            return before == null
                    || before.postsPerDay() != after.postsPerDay()
                    || before.windowStartHour() != after.windowStartHour()
                    || before.windowEndHour() != after.windowEndHour()
                    || !before.timezone().equals(after.timezone())
                    || before.jitterMinutes() != after.jitterMinutes();
        }
    }

    /**
     * An account is about to be removed. A listener refuses (throws a conflict) while posts are in flight
     * unless {@code force}; otherwise it drops the account's planned slots.
     */
    public record Removing(Account account, boolean force) {}
}
