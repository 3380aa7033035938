package dev.storyline.console.meta;

import dev.storyline.console.meta.MetaCallbackLog.Entry;
import dev.storyline.console.meta.MetaCallbackLog.Kind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The routes Meta calls without a session (signin.ConsoleSecurity opens exactly these): the deauthorize
 * and data-deletion callbacks, and the public status page of a deletion request. The body is read here,
 * at most {@link #MAX_BODY} bytes, rather than by the servlet container's form parsing, whose limit is
 * megabytes: a signed_request is a few hundred characters.
 */
@Controller
class MetaCallbackController {

    static final int MAX_BODY = 4096;
    private static final Pattern CODE = Pattern.compile("[0-9a-f]{32}");
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final MetaCallbacks callbacks;
    private final MetaCallbackLog log;
    private final MetaCallbackProperties properties;

    MetaCallbackController(MetaCallbacks callbacks, MetaCallbackLog log, MetaCallbackProperties properties) {
        this.callbacks = callbacks;
        this.log = log;
        this.properties = properties;
    }

    @PostMapping("/meta/deauthorize")
    ResponseEntity<?> deauthorize(HttpServletRequest request) {
        return answer(request, Kind.DEAUTHORIZE);
    }

    @PostMapping("/meta/data-deletion")
    ResponseEntity<?> dataDeletion(HttpServletRequest request) {
        return answer(request, Kind.DATA_DELETION);
    }

    /** Public: the confirmation code is the only key, and the page says nothing about the account. */
    @GetMapping("/meta/deletion-status")
    String status(
            @RequestParam(name = "code", required = false) String code, Model model, HttpServletResponse response) {
        if (code == null || !CODE.matcher(code).matches()) {
            response.setStatus(400);
            model.addAttribute(
                    "problem", "code must be the 32-character confirmation code (0-9, a-f) Meta showed you.");
            return "meta/deletion-status";
        }
        Entry entry = log.deletionRequest(code).orElse(null);
        if (entry == null) {
            response.setStatus(404);
            model.addAttribute("problem", "No deletion request has this confirmation code.");
            return "meta/deletion-status";
        }
        model.addAttribute("request", entry);
        model.addAttribute("received", entry.receivedAt().atZone(ZoneOffset.UTC).toLocalDate());
        return "meta/deletion-status";
    }

    private ResponseEntity<?> answer(HttpServletRequest request, Kind kind) {
        String signedRequest;
        try {
            signedRequest = signedRequest(request);
        } catch (TooLarge e) {
            return plain(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "The body is larger than " + MAX_BODY + " bytes; Meta's signed_request is far smaller.");
        }
        try {
            SignedRequest verified = callbacks.verify(signedRequest);
            Entry entry = callbacks.handle(kind, verified);
            if (kind == Kind.DEAUTHORIZE) {
                return ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("received", true));
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("url", properties.publicBase() + "/meta/deletion-status?code=" + entry.confirmationCode());
            body.put("confirmation_code", entry.confirmationCode());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        } catch (MetaCallbacks.NotConfigured e) {
            return plain(HttpStatus.SERVICE_UNAVAILABLE, "Meta callbacks are off: the console has no META_APP_SECRET.");
        } catch (SignedRequest.Invalid e) {
            return plain(HttpStatus.BAD_REQUEST, e.getMessage() + ".");
        } catch (MetaCallbackHttp.Unavailable e) {
            return plain(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Storyline could not finish the request right now (" + e.getMessage() + "); send it again later.");
        }
    }

    /** signed_request from the form body, read by hand up to the limit (chunked bodies included). */
    private static String signedRequest(HttpServletRequest request) throws TooLarge {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new TooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            return null;
        }
        if (body.length > MAX_BODY) {
            throw new TooLarge();
        }
        String signed = null;
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("signed_request") && eq >= 0) {
                try {
                    signed = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return signed;
    }

    private static ResponseEntity<String> plain(HttpStatus status, String text) {
        return ResponseEntity.status(status).contentType(TEXT).body(text);
    }

    private static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
