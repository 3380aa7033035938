package dev.storyline.console.signin;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Email and password against the console's users, behind the lock-out: a locked email+address pair is
 * refused before its password is even checked (so the right password does not end a lock early),
 * and the failure that reaches the limit already answers "locked".
 */
final class ThrottledSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledSignIn(ConsoleUsers users, PasswordEncoder encoder, SignInThrottle throttle) {
        this.throttle = throttle;
        this.passwords = new DaoAuthenticationProvider(email -> users.find(email)
                .map(ThrottledSignIn::details)
                .orElseThrow(() -> new UsernameNotFoundException("no such user")));
        this.passwords.setPasswordEncoder(encoder);
    }

    private static UserDetails details(ConsoleUsers.User user) {
        return org.springframework.security.core.userdetails.User.withUsername(user.email())
                .password(user.passwordHash())
                .authorities(user.role().authority())
                .disabled(!user.enabled())
                .build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = ConsoleUsers.normalise(authentication.getName());
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                        ? web.getRemoteAddress()
                        : "unknown";
        long locked = throttle.lockedForMinutes(email, address);
        if (locked > 0) {
            throw locked(locked);
        }
        UsernamePasswordAuthenticationToken normalised =
                UsernamePasswordAuthenticationToken.unauthenticated(email, authentication.getCredentials());
        normalised.setDetails(authentication.getDetails());
        try {
            Authentication result = passwords.authenticate(normalised);
            throttle.succeeded(email, address);
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(email, address);
            long now = throttle.lockedForMinutes(email, address);
            throw now > 0 ? locked(now) : e;
        }
    }

    private static LockedException locked(long minutes) {
        return new LockedException("Too many failed sign-ins for this email from here. Try again in " + minutes
                + (minutes == 1 ? " minute." : " minutes."));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
