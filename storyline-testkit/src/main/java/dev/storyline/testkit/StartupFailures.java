package dev.storyline.testkit;

/** What an operator reads when a service refuses to start. */
public final class StartupFailures {

    private StartupFailures() {}

    /** Binding and validation errors are wrapped a few levels deep; the operator reads all of them. */
    public static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
