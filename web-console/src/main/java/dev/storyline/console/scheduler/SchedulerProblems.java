package dev.storyline.console.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the scheduler's refusals (RFC 9457 problem details) into sentences for the page. The scheduler
 * already writes its details for operators; this is the console's own guard that nothing technical
 * (a class name, a stack frame, an HTML error page of a proxy) ever reaches a person.
 */
public final class SchedulerProblems {

    private static final Pattern TECHNICAL = Pattern.compile(
            "(\\b(java|javax|jakarta|org|com|dev|sun)\\.[a-z]+\\.)|Exception\\b|\\tat |<html|<!DOCTYPE",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_LENGTH = 300;

    private final ObjectMapper json;

    public SchedulerProblems(ObjectMapper json) {
        this.json = json;
    }

    /** The refusal in plain words: the problem's detail when it is fit to show, otherwise a sentence for the status. */
    public String sentence(int status, String body) {
        String detail = detail(body);
        if (detail == null || detail.isBlank() || TECHNICAL.matcher(detail).find()) {
            return fallback(status);
        }
        String plain = detail.strip();
        return plain.length() > MAX_LENGTH ? plain.substring(0, MAX_LENGTH - 1) + "…" : plain;
    }

    /**
     * The fields the refusal names ({@code errors[].field}) with what each allows, checked like the detail:
     * an entry that is not plain words is left out, the detail still says it.
     */
    Map<String, String> fields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return fields;
        }
        try {
            for (JsonNode error : json.readTree(body).path("errors")) {
                String field = error.path("field").asText("");
                String allowed = error.path("allowed").asText("");
                if (!field.isBlank()
                        && !allowed.isBlank()
                        && field.length() <= 100
                        && !TECHNICAL.matcher(allowed).find()) {
                    fields.putIfAbsent(
                            field,
                            allowed.length() > MAX_LENGTH ? allowed.substring(0, MAX_LENGTH - 1) + "…" : allowed);
                }
            }
        } catch (IOException e) {
            return fields;
        }
        return fields;
    }

    private String detail(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            JsonNode detail = node.path("detail");
            if (detail.isTextual()) {
                return detail.asText();
            }
            JsonNode error = node.path("error");
            return error.isTextual() ? error.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String fallback(int status) {
        return switch (status) {
            case 400 -> "The scheduler did not accept this request.";
            case 404 -> "The scheduler does not know this account or post (it may have been removed).";
            case 409 -> "The scheduler refused: something changed in the meantime. Reload and try again.";
            default -> "The scheduler refused the request (HTTP " + status + ").";
        };
    }
}
