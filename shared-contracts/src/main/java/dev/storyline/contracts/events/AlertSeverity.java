package dev.storyline.contracts.events;

public enum AlertSeverity {
    INFO,
    WARNING,
    CRITICAL
}
