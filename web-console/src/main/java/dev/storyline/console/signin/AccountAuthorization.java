package dev.storyline.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The one place that decides per account. The account is the route's {account} path variable or, on the
 * pages that choose one, the {@code account} query parameter ({@code all} means "every account I have",
 * which the pages filter). An account not granted to the user is refused as not found, the same answer
 * whether it exists or not; a granted account the user may only read is refused as forbidden on the
 * routes that change it.
 */
final class AccountAuthorization {

    /** Set on a request refused because its account is not the user's: the refusal then answers 404. */
    static final String HIDDEN = AccountAuthorization.class.getName() + ".hidden";

    private static final String ALL = "all";

    private AccountAuthorization() {}

    /** Signed in, and the request's account (if any) is one the user has. */
    static AuthorizationManager<RequestAuthorizationContext> reads() {
        return (authentication, context) -> decide(authentication, context, false);
    }

    /** Signed in, and the user runs the request's account. */
    static AuthorizationManager<RequestAuthorizationContext> runs() {
        return (authentication, context) -> decide(authentication, context, true);
    }

    private static AuthorizationDecision decide(
            Supplier<Authentication> authentication, RequestAuthorizationContext context, boolean changes) {
        if (!(authentication.get() != null && authentication.get().getPrincipal() instanceof SignedInUser user)) {
            return new AuthorizationDecision(false);
        }
        HttpServletRequest request = context.getRequest();
        String account = context.getVariables().get("account");
        if (account == null) {
            String asked = request.getParameter("account");
            account = asked == null || asked.isBlank() || asked.equals(ALL) ? null : asked;
        }
        if (account == null) {
            return new AuthorizationDecision(!changes || user.installationAdmin());
        }
        if (!user.canSee(account)) {
            request.setAttribute(HIDDEN, Boolean.TRUE);
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(!changes || user.adminOf(account));
    }
}
