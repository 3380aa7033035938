package dev.storyline.console.connect;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the accounts page shows of Connect: the Connect button (or the hint naming the settings it lacks) and
 * Reconnect on each account whose token token-worker reports missing, expired or failing. Kept here so the
 * accounts feature needs no knowledge of Meta or token-worker.
 */
@ControllerAdvice(basePackages = "dev.storyline.console.accounts")
class AccountsConnectAdvice {

    private final ConnectProperties properties;
    private final TokenWorkerClient tokens;

    AccountsConnectAdvice(ConnectProperties properties, TokenWorkerClient tokens) {
        this.properties = properties;
        this.tokens = tokens;
    }

    /** For the accounts page. */
    public record ConnectView(boolean configured, Map<String, TokenWorkerClient.Health> health, String tokensDown) {

        /** Reconnect is offered when token-worker answered and holds no working token for the account. */
        public boolean reconnect(String account) {
            if (!configured || tokensDown != null) {
                return false;
            }
            TokenWorkerClient.Health h = health.get(account);
            return h == null || !h.valid();
        }

        public String tokenState(String account) {
            TokenWorkerClient.Health h = health.get(account);
            if (h == null) {
                return "no token";
            }
            return h.valid()
                    ? null
                    : h.state() == null ? "not valid" : h.state().toLowerCase().replace('_', ' ');
        }
    }

    @ModelAttribute("connect")
    ConnectView connect(HttpServletRequest request) {
        // a plain form post ends in a redirect: nothing to render, so token-worker is not asked
        boolean renders = "GET".equals(request.getMethod()) || "true".equals(request.getHeader("HX-Request"));
        if (!properties.configured() || !renders) {
            return new ConnectView(properties.configured(), Map.of(), null);
        }
        try {
            return new ConnectView(true, tokens.health(), null);
        } catch (TokenWorkerClient.TokenWorkerException e) {
            return new ConnectView(true, Map.of(), e.getMessage());
        }
    }
}
