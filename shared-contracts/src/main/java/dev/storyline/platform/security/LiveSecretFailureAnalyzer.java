package dev.storyline.platform.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refused secrets as a short report instead of a stack trace. */
public class LiveSecretFailureAnalyzer extends AbstractFailureAnalyzer<LiveSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LiveSecretException cause) {
        return new FailureAnalysis(
                "Refusing to start live (DRY_RUN=false):\n  - " + String.join("\n  - ", cause.problems()),
                "Set fresh random values for the variables named above, or run with DRY_RUN=true (the demo).",
                cause);
    }
}
