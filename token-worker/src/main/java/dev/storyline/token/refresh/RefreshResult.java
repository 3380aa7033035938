package dev.storyline.token.refresh;

/** What one refresh pass or check did, for the loop's log line and for tests. */
public record RefreshResult(int refreshed, int failed, boolean lockBusy) {

    static final RefreshResult BUSY = new RefreshResult(0, 0, true);
    static final RefreshResult NOTHING = new RefreshResult(0, 0, false);

    RefreshResult plus(RefreshResult other) {
        return new RefreshResult(refreshed + other.refreshed, failed + other.failed, lockBusy || other.lockBusy);
    }
}
