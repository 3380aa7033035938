package dev.storyline.console.library;

/** One file of an upload as the page lists it: accepted into the library, or refused and why. */
public record UploadResult(String fileName, boolean accepted, String message) {}
