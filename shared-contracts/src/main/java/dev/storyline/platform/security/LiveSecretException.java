package dev.storyline.platform.security;

import java.util.List;

/** Start-up refused: a secret is a published demo value or too weak while {@code DRY_RUN=false}. */
public class LiveSecretException extends IllegalStateException {

    private final List<String> problems;

    public LiveSecretException(List<String> problems) {
        super("DRY_RUN=false with unsafe secrets: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
