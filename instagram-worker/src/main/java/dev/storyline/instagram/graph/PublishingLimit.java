package dev.storyline.instagram.graph;

/**
 * Meta's answer to {@code GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config}: how many
 * media the account published in the rolling window ({@code quota_usage}) out of {@code config.quota_total}
 * per {@code config.quota_duration} seconds. Meta's pages disagree on the limit, so it is always read live.
 */
public record PublishingLimit(int usage, int total, int durationSeconds) {}
