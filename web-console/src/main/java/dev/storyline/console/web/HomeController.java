package dev.storyline.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console opens on the calendar. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:/calendar";
    }
}
