package dev.storyline.console.users;

import dev.storyline.console.signin.Role;
import dev.storyline.console.users.UserStore.Listed;
import dev.storyline.console.users.UserStore.Refused;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bearer API behind {@code storyline users add} and {@code storyline users list} (guarded by
 * signin.ApiSecurity with STORYLINE_ADMIN_TOKEN). The same checks as the Users page: a refusal is 400 with
 * {@code error} and, per field, {@code fields}; an email taken is 409. Without a password one is generated
 * and returned in this one answer only.
 */
@RestController
class UsersApiController {

    /** {@code POST /api/users}: accounts as {@code {"brand-a": "admin", "brand-b": "member"}}. */
    record NewUser(String email, String role, Map<String, String> accounts, String password) {
        @Override
        public String toString() {
            return "NewUser[" + email + ", " + role + ", " + accounts + "]";
        }
    }

    private final UserStore store;
    private final PasswordEncoder encoder;
    private final Passwords passwords;

    UsersApiController(UserStore store, PasswordEncoder encoder, Passwords passwords) {
        this.store = store;
        this.encoder = encoder;
        this.passwords = passwords;
    }

    @GetMapping("/api/users")
    List<Map<String, Object>> list() {
        return store.all().stream().map(UsersApiController::view).toList();
    }

    @PostMapping("/api/users")
    ResponseEntity<Map<String, Object>> add(@RequestBody NewUser body) {
        Map<String, String> errors = new LinkedHashMap<>();
        String email = UserForm.email(body.email(), errors);
        Role role = UserForm.role(body.role(), errors);
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.accounts() != null) {
            body.accounts()
                    .forEach((account, accountRole) -> fields.put(UserForm.ACCOUNT_PREFIX + account, accountRole));
        }
        Map<String, Role> accounts = UserForm.accounts(fields, errors);
        boolean generate = body.password() == null;
        String password = generate ? passwords.generate() : UserForm.password(body.password(), body.password(), errors);
        if (!errors.isEmpty()) {
            return refused(HttpStatus.BAD_REQUEST, errors);
        }
        try {
            long id = store.add(email, encoder.encode(password), role, accounts);
            Map<String, Object> answer = new LinkedHashMap<>(view(store.one(id).orElseThrow()));
            if (generate) {
                answer.put("generatedPassword", password);
            }
            return ResponseEntity.status(HttpStatus.CREATED).body(answer);
        } catch (Refused e) {
            return refused(HttpStatus.CONFLICT, Map.of(e.field(), e.getMessage()));
        }
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable() {
        return refused(
                HttpStatus.BAD_REQUEST,
                Map.of(
                        "body",
                        "Send JSON: {\"email\": \"ann@example.com\", \"role\": \"admin|member\", \"accounts\":"
                                + " {\"brand-a\": \"admin|member\"}, \"password\": \"optional, at least 12"
                                + " characters\"}"));
    }

    private static ResponseEntity<Map<String, Object>> refused(HttpStatus status, Map<String, String> errors) {
        StringBuilder error = new StringBuilder();
        errors.forEach((field, message) -> error.append(error.isEmpty() ? "" : "; ")
                .append(field)
                .append(": ")
                .append(message));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.toString());
        body.put("fields", errors);
        return ResponseEntity.status(status).body(body);
    }

    private static Map<String, Object> view(Listed user) {
        Map<String, String> accounts = new LinkedHashMap<>();
        user.accounts()
                .forEach((account, role) -> accounts.put(account, role.name().toLowerCase(Locale.ROOT)));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("email", user.email());
        view.put("role", user.role().name().toLowerCase(Locale.ROOT));
        view.put("enabled", user.enabled());
        view.put("accounts", accounts);
        return view;
    }
}
