package dev.storyline.console.signin;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; Spring Security itself handles POST /login and POST /logout. */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn(
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String signedOut,
            HttpSession session,
            Model model) {
        if (error != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            // the lock-out's own sentence; any other failure is one message, so it tells nobody which emails exist
            model.addAttribute(
                    "error",
                    failure instanceof LockedException locked ? locked.getMessage() : "Wrong email or password.");
        }
        if (signedOut != null) {
            model.addAttribute("notice", "You are signed out.");
        }
        return "signin";
    }
}
