package dev.storyline.scheduler.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Web-console users, through the console's bearer API ({@code CONSOLE_URL}, the same STORYLINE_ADMIN_TOKEN):
 * add one, list them. A password is never an argument (it would show in {@code ps} and the shell history):
 * it is read from stdin with {@code --password-stdin}, or the console generates one, printed once.
 */
final class UserCommands {

    private static final Pattern ACCOUNT_ROLE = Pattern.compile("([a-z0-9][a-z0-9_-]{0,62}):(admin|member)");

    private UserCommands() {}

    @Command(
            name = "users",
            description = "Web-console users: add, list (through the console's API at CONSOLE_URL).",
            subcommands = {Add.class, ListUsers.class},
            footerHeading = "%nExamples:%n",
            footer = {
                "  storyline users add ann@brand-a.com --role member --grant brand-a:admin --grant brand-b:member",
                "  printf '%s' \"$PASSWORD\" | storyline users add ops@example.com --role admin --password-stdin",
                "  storyline users list"
            })
    static class Users extends StorylineCli.Group {}

    /** What both subcommands share: where the console is. */
    abstract static class ConsoleSub extends StorylineCli.Sub {
        @Option(
                names = "--console-url",
                description = "web console base URL (env CONSOLE_URL)",
                defaultValue = "${env:CONSOLE_URL:-http://127.0.0.1:8085}")
        String consoleUrl;
    }

    @Command(
            name = "add",
            description =
                    "Add a console user. Without --password-stdin the console generates a password, printed" + " once.")
    static class Add extends ConsoleSub {
        @Parameters(index = "0", paramLabel = "EMAIL", description = "their email (trimmed and lower-cased)")
        String email;

        @Option(
                names = "--role",
                required = true,
                description = "admin (the whole installation) or member (only the accounts given with --grant)")
        String role;

        /** Not --account: that option names the account of every other command (-a, inherited). */
        @Option(
                names = "--grant",
                paramLabel = "ACCOUNT:ROLE",
                description = "a role on one account, e.g. brand-a:admin or brand-b:member (repeatable)")
        List<String> accounts = new ArrayList<>();

        @Option(names = "--password-stdin", description = "read the password from stdin (at least 12 characters)")
        boolean passwordStdin;

        Object ask(StorylineCli cli) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", email);
            body.put("role", role);
            Map<String, Object> roles = new LinkedHashMap<>();
            for (String account : accounts) {
                Matcher m = ACCOUNT_ROLE.matcher(account.strip());
                if (!m.matches()) {
                    throw new AdminClient.CliException("--grant '" + account + "': give ACCOUNT:ROLE, the account"
                            + " id (lower-case letters, digits, - or _) and admin or member, e.g. brand-a:admin");
                }
                roles.put(m.group(1), m.group(2));
            }
            body.put("accounts", roles);
            if (passwordStdin) {
                body.put("password", readPassword());
            }
            return cli.callConsole(consoleUrl, "POST", "/api/users", body);
        }

        String human(Object answer) {
            Map<?, ?> user = (Map<?, ?>) answer;
            String added = "added " + user.get("email") + " (" + describe(user) + ")";
            return user.get("generatedPassword") == null
                    ? added
                    : added + "\npassword (shown once, hand it over now): " + user.get("generatedPassword");
        }

        private static String readPassword() {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line == null || line.isEmpty()) {
                    throw new AdminClient.CliException("--password-stdin: stdin held no password");
                }
                return line;
            } catch (IOException e) {
                throw new AdminClient.CliException("--password-stdin: cannot read stdin: " + e.getMessage());
            }
        }
    }

    @Command(name = "list", description = "Console users with their role, accounts and state.")
    static class ListUsers extends ConsoleSub {
        Object ask(StorylineCli cli) {
            return cli.callConsole(consoleUrl, "GET", "/api/users", null);
        }

        String human(Object answer) {
            return answer instanceof List<?> l && l.isEmpty()
                    ? "no users"
                    : new Table()
                            .column("EMAIL", "email")
                            .column("ROLE", UserCommands::describe)
                            .column("STATE", u -> Boolean.TRUE.equals(u.get("enabled")) ? "enabled" : "disabled")
                            .render(answer);
        }
    }

    private static String describe(Map<?, ?> user) {
        if ("admin".equals(user.get("role"))) {
            return "installation admin";
        }
        Map<?, ?> accounts = user.get("accounts") instanceof Map<?, ?> a ? a : Map.of();
        if (accounts.isEmpty()) {
            return "member of no account";
        }
        List<String> parts = new ArrayList<>();
        accounts.forEach((account, role) -> parts.add(role + " of " + account));
        return String.join(", ", parts);
    }
}
