package dev.storyline.console.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is signed in (navigation, admin-only controls) and the script paths. */
@ControllerAdvice
class PageModel {

    private final Assets assets;

    PageModel(Assets assets) {
        this.assets = assets;
    }

    @ModelAttribute("htmxScript")
    String htmxScript() {
        return assets.getHtmxScript();
    }

    @ModelAttribute("me")
    CurrentUser me(Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return CurrentUser.of(authentication);
    }
}
