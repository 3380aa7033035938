package dev.storyline.console.users;

import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.signin.Role;
import dev.storyline.console.users.UserStore.Listed;
import dev.storyline.console.users.UserStore.Refused;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Users page (installation admins only, see signin.ConsoleSecurity): who may sign in, their installation
 * role and account roles; adding a user with a typed or generated first password, changing roles, disabling
 * and enabling, setting a new password. Plain forms: everything works without JavaScript, and a refused form
 * comes back as it was sent with the refusal next to its field. A generated password is shown once, on the
 * page right after it was made, and never stored anywhere but as its hash.
 */
@Controller
class UsersController {

    private final UserStore store;
    private final SchedulerClient scheduler;
    private final PasswordEncoder encoder;
    private final Passwords passwords;

    UsersController(UserStore store, SchedulerClient scheduler, PasswordEncoder encoder, Passwords passwords) {
        this.store = store;
        this.scheduler = scheduler;
        this.encoder = encoder;
        this.passwords = passwords;
    }

    @GetMapping("/users")
    String list(Model model) {
        return listPage(Map.of("role", "member"), Map.of(), model);
    }

    @PostMapping("/users")
    String add(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        String email = UserForm.email(form.get("email"), errors);
        Role role = UserForm.role(form.get("role"), errors);
        Map<String, Role> accounts = UserForm.accounts(form, errors);
        boolean generate = "on".equals(form.get("generate")) || "true".equals(form.get("generate"));
        String password =
                generate ? passwords.generate() : UserForm.password(form.get("password"), form.get("confirm"), errors);
        if (errors.isEmpty()) {
            try {
                store.add(email, encoder.encode(password), role, accounts);
                redirect.addFlashAttribute("notice", "Added " + email + " (" + describe(role, accounts) + ").");
                if (generate) {
                    redirect.addFlashAttribute("generated", new Generated(email, password));
                }
                return "redirect:/users";
            } catch (Refused e) {
                errors.put(e.field(), e.getMessage());
            }
        }
        return listPage(UserForm.echo(form), errors, model);
    }

    @GetMapping("/users/{id}")
    String one(@PathVariable String id, HttpServletResponse response, Model model) {
        Optional<Listed> user = user(id);
        if (user.isEmpty()) {
            return missing(id, response, model);
        }
        return userPage(user.get(), rolesOf(user.get()), Map.of(), model);
    }

    @PostMapping("/users/{id}/roles")
    String roles(
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Optional<Listed> user = user(id);
        if (user.isEmpty()) {
            return missing(id, response, model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Role role = UserForm.role(form.get("role"), errors);
        Map<String, Role> accounts = UserForm.accounts(form, errors);
        if (errors.isEmpty()) {
            try {
                store.changeRoles(user.get().id(), role, accounts);
                redirect.addFlashAttribute("notice", user.get().email() + " is now " + describe(role, accounts) + ".");
                return "redirect:/users/" + user.get().id();
            } catch (Refused e) {
                errors.put(e.field(), e.getMessage());
            }
        }
        return userPage(user.get(), UserForm.echo(form), errors, model);
    }

    @PostMapping("/users/{id}/enabled")
    String enabled(
            @PathVariable String id,
            @RequestParam(required = false) String enabled,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Optional<Listed> user = user(id);
        if (user.isEmpty()) {
            return missing(id, response, model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            errors.put("enabled", "Send enabled=true to enable or enabled=false to disable.");
        } else {
            boolean on = Boolean.parseBoolean(enabled);
            try {
                store.enable(user.get().id(), on);
                redirect.addFlashAttribute(
                        "notice",
                        on
                                ? user.get().email() + " is enabled and may sign in again."
                                : user.get().email() + " is disabled: signed out on their next click, and cannot"
                                        + " sign in.");
                return "redirect:/users/" + user.get().id();
            } catch (Refused e) {
                errors.put(e.field(), e.getMessage());
            }
        }
        return userPage(user.get(), rolesOf(user.get()), errors, model);
    }

    @PostMapping("/users/{id}/password")
    String password(
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Optional<Listed> user = user(id);
        if (user.isEmpty()) {
            return missing(id, response, model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        boolean generate = "on".equals(form.get("generate")) || "true".equals(form.get("generate"));
        String password =
                generate ? passwords.generate() : UserForm.password(form.get("password"), form.get("confirm"), errors);
        if (!errors.isEmpty()) {
            return userPage(user.get(), rolesOf(user.get()), errors, model);
        }
        store.setPassword(user.get().id(), encoder.encode(password));
        redirect.addFlashAttribute(
                "notice", "New password set for " + user.get().email() + ".");
        if (generate) {
            redirect.addFlashAttribute("generated", new Generated(user.get().email(), password));
        }
        return "redirect:/users/" + user.get().id();
    }

    /** A generated password, for the one page that shows it. */
    record Generated(String email, String password) {
        @Override
        public String toString() {
            return "Generated[" + email + "]";
        }
    }

    private String listPage(Map<String, String> form, Map<String, String> errors, Model model) {
        List<Listed> users = store.all();
        model.addAttribute("page", "users");
        model.addAttribute("users", users);
        model.addAttribute(
                "choices",
                AccountChoice.of(
                        scheduler,
                        users.stream()
                                .flatMap(u -> u.accounts().keySet().stream())
                                .toList(),
                        model));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "users";
    }

    private String userPage(Listed user, Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("page", "users");
        model.addAttribute("user", user);
        model.addAttribute(
                "choices", AccountChoice.of(scheduler, user.accounts().keySet(), model));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "user";
    }

    /** The roles form as the user's current roles fill it in. */
    private static Map<String, String> rolesOf(Listed user) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("role", user.role().name().toLowerCase(java.util.Locale.ROOT));
        user.accounts()
                .forEach((account, role) ->
                        form.put(UserForm.ACCOUNT_PREFIX + account, role.name().toLowerCase(java.util.Locale.ROOT)));
        return form;
    }

    private Optional<Listed> user(String id) {
        if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        return store.one(Long.parseLong(id));
    }

    private static String missing(String id, HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("page", "users");
        model.addAttribute("message", "There is no user “" + id + "”: pick one on the Users page.");
        return "user-missing";
    }

    private static String describe(Role role, Map<String, Role> accounts) {
        if (role == Role.ADMIN) {
            return "installation admin: every account";
        }
        if (accounts.isEmpty()) {
            return "member of no account yet";
        }
        StringBuilder text = new StringBuilder();
        accounts.forEach((account, r) -> text.append(text.isEmpty() ? "" : ", ")
                .append(r == Role.ADMIN ? "admin of " : "member of ")
                .append(account));
        return text.toString();
    }
}
