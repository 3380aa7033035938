package dev.storyline.telegram.manual;

/** How a manual post is sent; editing the message afterwards depends on it (caption vs text). */
public enum MessageKind {
    PHOTO,
    VIDEO,
    DOCUMENT,
    TEXT;

    public boolean hasCaption() {
        return this != TEXT;
    }
}
