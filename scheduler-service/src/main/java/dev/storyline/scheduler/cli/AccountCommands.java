package dev.storyline.scheduler.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Accounts: list, show, add, change, remove, and the Graph API switch. */
final class AccountCommands {

    private AccountCommands() {}

    static String summary(Object answer) {
        Map<?, ?> a = (Map<?, ?>) answer;
        StringBuilder out = new StringBuilder();
        out.append(a.get("id"))
                .append(" (")
                .append(a.get("displayName"))
                .append(")\n")
                .append("  folder     ")
                .append(a.get("mediaFolder"))
                .append('\n')
                .append("  plan       ")
                .append(a.get("postsPerDay"))
                .append(" posts a day, ")
                .append(a.get("windowStartHour"))
                .append('-')
                .append(a.get("windowEndHour"))
                .append(" h ")
                .append(a.get("timezone"))
                .append(jitter(a))
                .append('\n')
                .append("  route      ")
                .append(Boolean.TRUE.equals(a.get("apiEnabled")) ? "Graph API" : "Telegram (API off)")
                .append(Boolean.TRUE.equals(a.get("dryRun")) ? ", dry-run" : ", live")
                .append(Boolean.TRUE.equals(a.get("paused")) ? ", PAUSED" : "")
                .append(Boolean.FALSE.equals(a.get("tokenHealthy")) ? ", token unhealthy" : "")
                .append(
                        a.get("apiPostsPerDay") == null
                                ? ""
                                : ", at most " + a.get("apiPostsPerDay") + " a day by API");
        warnings(a, out);
        return out.toString();
    }

    private static String jitter(Map<?, ?> a) {
        Object j = a.get("jitterMinutes");
        return j instanceof Number n && n.intValue() > 0 ? ", jitter ±" + n + " min" : "";
    }

    static void warnings(Map<?, ?> a, StringBuilder out) {
        if (a.get("warnings") instanceof List<?> warnings) {
            for (Object w : warnings) {
                out.append("\n  warning: ").append(w);
            }
        }
    }

    @Command(
            name = "accounts",
            description = "List the accounts with their folders and plans.",
            footerHeading = "%nExample:%n",
            footer = "  storyline accounts")
    static class ListAccounts extends StorylineCli.Sub {
        Object ask(StorylineCli cli) {
            return cli.call("GET", "/api/accounts", null);
        }

        String human(Object answer) {
            return new Table()
                    .column("ID", "id")
                    .column("FOLDER", "mediaFolder")
                    .column("POSTS/DAY", "postsPerDay")
                    .column("API/DAY", r -> r.get("apiPostsPerDay") == null ? "any" : "max " + r.get("apiPostsPerDay"))
                    .column("WINDOW", r -> r.get("windowStartHour") + "-" + r.get("windowEndHour"))
                    .column("TIME ZONE", "timezone")
                    .column("ROUTE", r -> Boolean.TRUE.equals(r.get("apiEnabled")) ? "api" : "telegram")
                    .column("MODE", r -> Boolean.TRUE.equals(r.get("dryRun")) ? "dry-run" : "live")
                    .column("STATE", r -> Boolean.TRUE.equals(r.get("paused")) ? "paused" : "running")
                    .render(answer);
        }
    }

    @Command(
            name = "account",
            description = "Show one account (the --account one by default).",
            footerHeading = "%nExample:%n",
            footer = "  storyline account tokyo")
    static class Show extends StorylineCli.Sub {
        @Parameters(index = "0", arity = "0..1", description = "account id")
        String id;

        Object ask(StorylineCli cli) {
            return cli.call("GET", "/api/accounts/" + (id == null ? cli.account : id), null);
        }

        String human(Object answer) {
            return summary(answer);
        }
    }

    /** The settings add-account and account-set share. */
    abstract static class Settings extends StorylineCli.Sub {
        @Option(names = "--name", description = "display name (1..100 characters)")
        String displayName;

        @Option(names = "--instagram-user-id", description = "numeric Instagram user id")
        String igUser;

        @Option(names = "--media-subdir", description = "the account's folder, directly under MEDIA_ROOT")
        String subdir;

        @Option(names = "--create-folder", description = "create the folder if it does not exist")
        boolean createFolder;

        @Option(names = "--posts-per-day", description = "0..100 (0: nothing planned, post-next only)")
        Integer postsPerDay;

        @Option(
                names = "--api-posts-per-day",
                description = "gradual roll-out: at most N posts a local day by the Graph API (0..100), none: no limit")
        String apiPostsPerDay;

        @Option(
                names = "--window",
                converter = Converters.WindowConverter.class,
                description = "posting window in whole hours, e.g. 9-21 or 20-2 (crossing midnight); 0-24 all day")
        Converters.Window window;

        @Option(names = "--timezone", description = "IANA time zone, e.g. Asia/Tokyo")
        String timezone;

        @Option(names = "--jitter", description = "random shift of each slot, 0..120 minutes")
        Integer jitter;

        @Option(
                names = "--api",
                arity = "1",
                converter = Converters.OnOff.class,
                paramLabel = "on|off",
                description = "the Graph API route (needs --instagram-user-id)")
        Boolean api;

        @Option(
                names = "--live",
                arity = "1",
                converter = Converters.OnOff.class,
                paramLabel = "on|off",
                description = "publish for real (off: dry-run)")
        Boolean live;

        Map<String, Object> settings() {
            Map<String, Object> body = new LinkedHashMap<>();
            put(body, "displayName", displayName);
            put(body, "instagramUserId", igUser);
            put(body, "mediaSubdir", subdir);
            put(body, "postsPerDay", postsPerDay);
            if (window != null) {
                body.put("windowStartHour", window.start());
                body.put("windowEndHour", window.end());
            }
            put(body, "timezone", timezone);
            put(body, "jitterMinutes", jitter);
            if (apiPostsPerDay != null) {
                body.put(
                        "apiPostsPerDay",
                        apiPostsPerDay.matches("[0-9]{1,9}") ? Integer.valueOf(apiPostsPerDay) : apiPostsPerDay);
            }
            put(body, "apiEnabled", api);
            put(body, "dryRun", live == null ? null : !live);
            if (createFolder) {
                body.put("createFolder", true);
            }
            return body;
        }

        private static void put(Map<String, Object> body, String key, Object value) {
            if (value != null) {
                body.put(key, value);
            }
        }
    }

    @Command(
            name = "add-account",
            description = {
                "Add an account; its folder is indexed and its days planned at once.",
                "Defaults: 6 posts a day, 9-21 UTC, Telegram route, dry-run."
            },
            footerHeading = "%nExample:%n",
            footer =
                    "  storyline add-account tokyo --media-subdir tokyo --create-folder --window 20-2 --timezone Asia/Tokyo")
    static class Add extends Settings {
        @Parameters(index = "0", description = "account id: lower-case letters, digits, - or _")
        String id;

        Object ask(StorylineCli cli) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.putAll(settings());
            return cli.call("POST", "/api/accounts", body);
        }

        String human(Object answer) {
            return "added " + summary(answer) + "\n(folder indexed, days planned; see: storyline --account "
                    + ((Map<?, ?>) answer).get("id") + " queue)";
        }
    }

    @Command(
            name = "account-set",
            description = {
                "Change settings of the --account account; only the options given change.",
                "Days not yet dispatched are planned again; a new folder is indexed at once."
            },
            footerHeading = "%nExample:%n",
            footer = "  storyline --account tokyo account-set --window 8-20 --posts-per-day 4")
    static class Change extends Settings {
        Object ask(StorylineCli cli) {
            Map<String, Object> body = settings();
            if (body.isEmpty()) {
                throw new AdminClient.CliException(
                        "nothing to change: give at least one option (see storyline account-set --help)");
            }
            return cli.call("PATCH", cli.accountPath(""), body);
        }

        String human(Object answer) {
            return "changed " + summary(answer);
        }
    }

    @Command(
            name = "remove-account",
            description = {
                "Remove an account: nothing more is planned or posted for it; its history stays.",
                "Refused while posts are in flight, unless --force."
            },
            footerHeading = "%nExample:%n",
            footer = "  storyline remove-account tokyo")
    static class Remove extends StorylineCli.Sub {
        @Parameters(index = "0", description = "account id (named explicitly, never taken from --account)")
        String id;

        @Option(names = "--force", description = "remove even with posts in flight (their outcomes are still recorded)")
        boolean force;

        Object ask(StorylineCli cli) {
            return cli.call("DELETE", "/api/accounts/" + id + (force ? "?force=true" : ""), null);
        }

        String human(Object answer) {
            return "removed " + id + " (its posting history is kept)";
        }
    }

    @Command(
            name = "api",
            description = "Switch the account's Graph API route on or off.",
            footerHeading = "%nExample:%n",
            footer = "  storyline --account tokyo api on")
    static class Api extends StorylineCli.Sub {
        @Parameters(
                index = "0",
                converter = Converters.OnOff.class,
                paramLabel = "on|off",
                description = "on, off, true or false (any case)")
        Boolean state;

        Object ask(StorylineCli cli) {
            return cli.call("PUT", cli.accountPath("/api"), Map.of("enabled", state));
        }

        String human(Object answer) {
            return "Graph API route of " + ((Map<?, ?>) answer).get("id") + " is " + (state ? "on" : "off");
        }
    }
}
