package dev.storyline.console.users;

import dev.storyline.console.signin.ConsoleUsers;
import dev.storyline.console.signin.SignedInUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Anyone signed in changes their own password here, proving the current one first. */
@Controller
class PasswordController {

    private final ConsoleUsers users;
    private final UserStore store;
    private final PasswordEncoder encoder;

    PasswordController(ConsoleUsers users, UserStore store, PasswordEncoder encoder) {
        this.users = users;
        this.store = store;
        this.encoder = encoder;
    }

    @GetMapping("/password")
    String page(Model model) {
        model.addAttribute("page", "password");
        model.addAttribute("errors", Map.of());
        return "password";
    }

    @PostMapping("/password")
    String change(
            @RequestParam Map<String, String> form,
            Authentication authentication,
            Model model,
            RedirectAttributes redirect) {
        SignedInUser me = (SignedInUser) authentication.getPrincipal();
        Map<String, String> errors = new LinkedHashMap<>();
        String current = form.get("current");
        boolean right = current != null
                && !current.isEmpty()
                && users.find(me.email())
                        .map(u -> encoder.matches(current, u.passwordHash()))
                        .orElse(false);
        if (!right) {
            errors.put("current", "That is not your current password.");
        }
        String password = UserForm.password(form.get("password"), form.get("confirm"), errors);
        if (right && password != null && password.equals(current)) {
            errors.put("password", "The new password is the current one: choose another.");
        }
        if (!errors.isEmpty()) {
            model.addAttribute("page", "password");
            model.addAttribute("errors", errors);
            return "password";
        }
        store.setPassword(me.id(), encoder.encode(password));
        redirect.addFlashAttribute("notice", "Your password is changed: use the new one from your next sign-in.");
        return "redirect:/password";
    }
}
