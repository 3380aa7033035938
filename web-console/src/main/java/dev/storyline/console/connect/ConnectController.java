package dev.storyline.console.connect;

import dev.storyline.console.scheduler.SchedulerApi.AccountLink;
import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Connect Instagram (admins only, by the security chain): choose the login type, sign in at Meta, come back
 * through the callback, pick the professional account and name it. A refused callback changes nothing; the
 * token stays on the server from Meta's answer to token-worker.
 */
@Controller
class ConnectController {

    private final ConnectProperties properties;
    private final ConnectSession flow;
    private final InstagramLogin instagram;
    private final FacebookLogin facebook;
    private final Connector connector;
    private final SchedulerClient scheduler;

    ConnectController(
            ConnectProperties properties,
            ConnectSession flow,
            InstagramLogin instagram,
            FacebookLogin facebook,
            Connector connector,
            SchedulerClient scheduler) {
        this.properties = properties;
        this.flow = flow;
        this.instagram = instagram;
        this.facebook = facebook;
        this.connector = connector;
        this.scheduler = scheduler;
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("page", "accounts");
        model.addAttribute("app", properties);
    }

    @GetMapping("/connect")
    String start(@RequestParam(required = false) String account, Model model) {
        if (account != null && !account.matches(Choice.ACCOUNT_ID)) {
            return refused(model, "There is no Storyline account '" + shorten(account) + "' to reconnect.");
        }
        model.addAttribute("reconnect", account);
        model.addAttribute("view", "start");
        return "connect";
    }

    /** A plain link, like Spring's own OAuth2 client: a form post could not redirect to Meta under form-action 'self'. */
    @GetMapping("/connect/start")
    String go(
            @RequestParam(required = false) String login,
            @RequestParam(required = false) String account,
            HttpSession session,
            Model model) {
        LoginType type = LoginType.fromForm(login);
        if (!properties.configured() || type == null || !enabled(type)) {
            return refused(
                    model,
                    "login: choose instagram or facebook, among the login types this console is set up"
                            + " for (docs/meta-app-setup.md).");
        }
        String reconnect = account == null || account.isBlank() ? null : account;
        if (reconnect != null && !reconnect.matches(Choice.ACCOUNT_ID)) {
            return refused(model, "There is no Storyline account '" + shorten(reconnect) + "' to reconnect.");
        }
        ConnectSession.Attempt attempt = flow.start(session, type, reconnect);
        return "redirect:"
                + (type == LoginType.INSTAGRAM ? instagram.dialog(attempt.state()) : facebook.dialog(attempt.state()));
    }

    @GetMapping(ConnectProperties.CALLBACK_PATH)
    String callback(
            @RequestParam Map<String, String> answer,
            HttpSession session,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Optional<ConnectSession.Attempt> started = flow.take(session);
        response.setStatus(400);
        if (started.isEmpty()) {
            return refused(
                    model,
                    "No Connect is waiting for an answer in this session: it was used already, or it "
                            + "was started in another browser or before signing in again. Nothing was changed; start again.");
        }
        ConnectSession.Attempt attempt = started.get();
        if (!ConnectSession.sameState(attempt, answer.get("state"))) {
            return refused(
                    model,
                    "The answer from Meta does not carry the state of the Connect started here "
                            + "(missing or wrong). Nothing was changed; start again.");
        }
        if (flow.expired(attempt.startedAt())) {
            return refused(model, "The sign-in took longer than 10 minutes. Nothing was changed; start again.");
        }
        if (answer.containsKey("error")) {
            String why = answer.getOrDefault("error_description", answer.get("error"));
            return refused(
                    model, "The sign-in at Meta was cancelled or refused (" + shorten(why) + "). Nothing was changed.");
        }
        String code = answer.get("code");
        if (code == null || code.isBlank()) {
            return refused(model, "The answer from Meta carries no code. Nothing was changed; start again.");
        }
        try {
            Grant grant =
                    attempt.loginType() == LoginType.INSTAGRAM ? instagram.complete(code) : facebook.complete(code);
            if (grant.accounts().isEmpty()) {
                return refused(
                        model,
                        "The sign-in reached no Instagram professional account (a business or creator "
                                + "account linked to a Facebook Page you manage). Nothing was changed.");
            }
            if (attempt.reconnect() != null) {
                AccountLink account = scheduler
                        .accountLink(attempt.reconnect())
                        .orElseThrow(() -> new Connector.Refused(
                                "The scheduler has no account '" + attempt.reconnect() + "'. Nothing was changed."));
                Optional<String> done = connector.reconnect(grant, account);
                if (done.isPresent()) {
                    redirect.addFlashAttribute("notice", done.get());
                    return "redirect:/accounts";
                }
            }
            flow.hold(session, grant, attempt.reconnect());
            return "redirect:/connect/choose";
        } catch (MetaException
                | Connector.Refused
                | TokenWorkerClient.TokenWorkerException
                | SchedulerRefusedException
                | SchedulerUnreachableException e) {
            return refused(model, e.getMessage());
        }
    }

    @GetMapping("/connect/choose")
    String choose(HttpSession session, Model model) {
        Optional<ConnectSession.Pending> pending = flow.pending(session);
        if (pending.isEmpty()) {
            return refused(
                    model,
                    "No sign-in is waiting for a choice (it is older than 10 minutes, or done). "
                            + "Start Connect again.");
        }
        Grant grant = pending.get().grant();
        return chooseForm(
                model, grant, Choice.defaults(grant.accounts(), pending.get().reconnect()), Map.of());
    }

    @PostMapping("/connect/finish")
    String finish(Choice choice, HttpSession session, Model model, RedirectAttributes redirect) {
        Optional<ConnectSession.Pending> pending = flow.pending(session);
        if (pending.isEmpty()) {
            return refused(
                    model,
                    "No sign-in is waiting for a choice (it is older than 10 minutes, or done). "
                            + "Nothing was changed; start Connect again.");
        }
        Grant grant = pending.get().grant();
        String reconnect = pending.get().reconnect();
        if (reconnect != null && !reconnect.equals(choice.accountId())) {
            return chooseForm(
                    model,
                    grant,
                    choice,
                    Map.of("accountId", "Storyline account id: this sign-in " + "reconnects '" + reconnect + "'"));
        }
        Map<String, String> problems = choice.problems(grant);
        if (!problems.isEmpty()) {
            return chooseForm(model, grant, choice, problems);
        }
        try {
            String done = connector.connect(grant, choice);
            flow.done(session);
            redirect.addFlashAttribute("notice", done);
            return "redirect:/accounts";
        } catch (Connector.Refused
                | TokenWorkerClient.TokenWorkerException
                | SchedulerRefusedException
                | SchedulerUnreachableException e) {
            return chooseForm(model, grant, choice, Map.of("form", e.getMessage()));
        }
    }

    private String chooseForm(Model model, Grant grant, Choice choice, Map<String, String> problems) {
        model.addAttribute("view", "choose");
        model.addAttribute("grant", grant.accounts());
        model.addAttribute("loginType", grant.loginType());
        model.addAttribute("choice", choice);
        model.addAttribute("problems", problems);
        return "connect";
    }

    private boolean enabled(LoginType type) {
        return type == LoginType.INSTAGRAM ? properties.instagramLogin() : properties.facebookLogin();
    }

    private static String refused(Model model, String reason) {
        model.addAttribute("refusedStatus", 400);
        model.addAttribute("view", "refused");
        model.addAttribute("reason", reason);
        return "connect";
    }

    private static String shorten(String s) {
        String plain = s == null ? "" : s.replaceAll("\\p{Cntrl}", " ").strip();
        return plain.length() > 120 ? plain.substring(0, 119) + "…" : plain;
    }
}
