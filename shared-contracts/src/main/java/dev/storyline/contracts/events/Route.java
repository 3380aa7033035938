package dev.storyline.contracts.events;

/** AUTO goes through the Graph API; MANUAL goes straight to a person on Telegram. */
public enum Route {
    AUTO,
    MANUAL
}
