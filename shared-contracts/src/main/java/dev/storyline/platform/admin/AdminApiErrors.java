package dev.storyline.platform.admin;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The admin APIs answer every refused request as RFC 9457 problem details
 * ({@code application/problem+json}): {@code detail} says in one sentence what is wrong, and for bad
 * input the {@code errors} list names each field, what was given and what is allowed. The text is
 * written for an operator: it never carries a Java class name or a stack trace, whatever the cause.
 * An unknown thing is 404, a request that conflicts with the current state 409, bad input 400.
 *
 * <p>Longer than 300 lines on purpose: every kind of refusal Spring MVC, Jackson and Bean Validation can
 * raise is translated here, in one place, so no service answers one of them differently.
 */
@RestControllerAdvice
public class AdminApiErrors extends ResponseEntityExceptionHandler {

    /** One wrong field: its name, the value given (as text, possibly null) and what is allowed. */
    public record FieldProblem(String field, String given, String allowed) {

        /** A 5,000-character value is named by its length, not echoed back whole; a secret is never echoed. */
        public FieldProblem {
            if (given != null && field != null && field.matches("(?i).*(token|secret|password|key).*")) {
                given = "(not shown)";
            } else if (given != null && given.length() > 80) {
                given = given.substring(0, 77) + "... (" + given.length() + " characters)";
            }
        }
    }

    /** Bad input the caller can fix, with the fields at fault. */
    public static class BadInput extends RuntimeException {
        private final List<FieldProblem> problems;

        public BadInput(String field, Object given, String allowed) {
            this(List.of(new FieldProblem(field, given == null ? null : String.valueOf(given), allowed)));
        }

        public BadInput(List<FieldProblem> problems) {
            super(problems.stream().map(AdminApiErrors::sentence).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        /** A refusal whose detail is its own sentence (a rule across fields), still naming each field at fault. */
        public BadInput(String detail, List<FieldProblem> problems) {
            super(detail);
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /** The request is valid but the current state refuses it (exists already, posts in flight…). */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    @ExceptionHandler(BadInput.class)
    ResponseEntity<Object> badInput(BadInput e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.problems());
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<Object> conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Object> notFound(NoSuchElementException e) {
        return problem(HttpStatus.NOT_FOUND, String.valueOf(e.getMessage()), List.of());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()), List.of());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraint(ConstraintViolationException e) {
        List<FieldProblem> problems = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(
                        lastNode(v.getPropertyPath().toString()),
                        v.getInvalidValue() == null ? null : String.valueOf(v.getInvalidValue()),
                        v.getMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, summary(problems), problems);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(
                    error.getField(),
                    error.getRejectedValue() == null ? null : String.valueOf(error.getRejectedValue()),
                    error.getDefaultMessage()));
        }
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error ->
                        problems.add(new FieldProblem(error.getObjectName(), null, error.getDefaultMessage())));
        return problem(HttpStatus.BAD_REQUEST, summary(problems), problems);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors().forEach(error -> {
                    if (error instanceof FieldError field) {
                        problems.add(new FieldProblem(
                                field.getField(),
                                field.getRejectedValue() == null ? null : String.valueOf(field.getRejectedValue()),
                                field.getDefaultMessage()));
                    } else {
                        problems.add(new FieldProblem(
                                result.getMethodParameter().getParameterName(),
                                result.getArgument() == null ? null : String.valueOf(result.getArgument()),
                                error.getDefaultMessage()));
                    }
                }));
        return problem(HttpStatus.BAD_REQUEST, summary(problems), problems);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
        if (e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m) {
            field = m.getName();
        }
        String allowed = allowedFor(e.getRequiredType());
        if (e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m) {
            // on the parameter itself or inside a constraint composed of it (a paging parameter's range)
            jakarta.validation.constraints.Max max = AnnotatedElementUtils.findMergedAnnotation(
                    AnnotatedElementUtils.forAnnotations(m.getParameter().getParameterAnnotations()),
                    jakarta.validation.constraints.Max.class);
            if (max != null) {
                allowed = max.message();
            }
        }
        FieldProblem problem =
                new FieldProblem(field, e.getValue() == null ? null : String.valueOf(e.getValue()), allowed);
        return problem(HttpStatus.BAD_REQUEST, sentence(problem), List.of(problem));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldProblem problem = new FieldProblem(e.getParameterName(), null, "required");
        return problem(
                HttpStatus.BAD_REQUEST, "parameter '" + e.getParameterName() + "' is required", List.of(problem));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            FieldProblem problem = new FieldProblem(
                    path(u),
                    u.getPropertyName(),
                    "one of "
                            + u.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
            return problem(HttpStatus.BAD_REQUEST, "unknown field '" + path(u) + "'", List.of(problem));
        }
        if (cause instanceof InvalidFormatException f) {
            FieldProblem problem =
                    new FieldProblem(path(f), String.valueOf(f.getValue()), allowedFor(f.getTargetType()));
            return problem(HttpStatus.BAD_REQUEST, sentence(problem), List.of(problem));
        }
        if (cause instanceof MismatchedInputException m && !path(m).isEmpty()) {
            FieldProblem problem = new FieldProblem(path(m), null, allowedFor(m.getTargetType()));
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "field '" + path(m) + "' has the wrong type; allowed: " + problem.allowed(),
                    List.of(problem));
        }
        if (cause instanceof JsonMappingException m && !path(m).isEmpty()) {
            FieldProblem problem = new FieldProblem(path(m), null, "a valid value");
            return problem(HttpStatus.BAD_REQUEST, "field '" + path(m) + "' cannot be read", List.of(problem));
        }
        boolean empty = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing");
        FieldProblem problem = new FieldProblem("body", null, "a JSON object");
        return problem(
                HttpStatus.BAD_REQUEST,
                empty ? "the request needs a JSON body" : "the request body is not valid JSON" + location(cause),
                List.of(problem));
    }

    /** Spring's own errors (405, 415, 404 for no route…) keep their status, with a plain-language detail. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail detail) {
            detail.setDetail(plain(detail.getDetail(), status));
            detail.setProperty("error", detail.getDetail());
            return ResponseEntity.status(status)
                    .headers(headers)
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(detail);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldProblem> problems) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        // clients written before problem details (telegram-worker's commands) read the message from "error"
        body.setProperty("error", detail);
        if (!problems.isEmpty()) {
            body.setProperty(
                    "errors",
                    problems.stream()
                            .map(p -> {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("field", p.field());
                                m.put("given", p.given());
                                m.put("allowed", p.allowed());
                                return m;
                            })
                            .toList());
        }
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    static String sentence(FieldProblem p) {
        return p.field() + (p.given() == null ? " is missing or invalid" : " '" + p.given() + "' is not allowed")
                + "; allowed: " + p.allowed();
    }

    private static String summary(List<FieldProblem> problems) {
        return problems.isEmpty()
                ? "invalid request"
                : problems.stream().map(AdminApiErrors::sentence).collect(Collectors.joining("; "));
    }

    private static String allowedFor(@Nullable Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name().toLowerCase())
                            .collect(Collectors.joining(", "))
                    + " (any case)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == java.math.BigDecimal.class) {
            return "a number";
        }
        if (type == java.util.UUID.class) {
            return "a UUID such as 3f2b8c1e-0000-4000-8000-000000000000";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "a valid value";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String location(@Nullable Throwable cause) {
        if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            return " (line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr() + ")";
        }
        return "";
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** Spring's default details can name Java types ("Failed to convert 'java.lang.Integer'"); say it plainly. */
    private static String plain(@Nullable String detail, HttpStatusCode status) {
        if (detail == null || detail.matches(".*\\b(java|javax|jakarta|org|com|dev)\\.[a-z]+\\..*")) {
            HttpStatus known = HttpStatus.resolve(status.value());
            return known == null ? "request refused" : known.getReasonPhrase();
        }
        return detail;
    }
}
