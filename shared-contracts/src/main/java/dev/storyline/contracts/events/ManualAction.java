package dev.storyline.contracts.events;

public enum ManualAction {
    POSTED,
    SKIPPED,
    REJECTED
}
