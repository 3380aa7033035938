package dev.storyline.scheduler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code storyline} — the operators' command line over the admin API. Runs without Spring:
 * {@code java -jar scheduler-service-exec.jar cli <command>} (or {@code bin/storyline}).
 */
@Command(name = "storyline", mixinStandardHelpOptions = true, description = "Operate a Storyline installation.",
        subcommands = {
                StorylineCli.Accounts.class, StorylineCli.AddAccount.class, StorylineCli.Api.class,
                StorylineCli.Index.class, StorylineCli.Media.class, StorylineCli.Categories.class,
                StorylineCli.Mix.class, StorylineCli.SetMix.class, StorylineCli.MixHistory.class,
                StorylineCli.Schedule.class, StorylineCli.QueueCmd.class, StorylineCli.Pause.class,
                StorylineCli.Resume.class, StorylineCli.PostNext.class, StorylineCli.StatsCmd.class,
                StorylineCli.History.class, StorylineCli.LocksCmd.class, StorylineCli.Stuck.class,
                StorylineCli.Dlq.class})
public class StorylineCli {

    @Option(names = "--url", description = "scheduler base URL (env STORYLINE_URL)", defaultValue = "${env:STORYLINE_URL:-http://localhost:8080}")
    String url;

    /** From the environment only: a command-line argument would be visible to every user in {@code ps}. */
    private final String token;

    @Option(names = {"-a", "--account"}, description = "account id", defaultValue = "${env:STORYLINE_ACCOUNT_ID:-default}")
    String account;

    StorylineCli() {
        this(System.getenv(TOKEN_VARIABLE));
    }

    private StorylineCli(String token) {
        this.token = token;
    }

    static final String TOKEN_VARIABLE = "STORYLINE_ADMIN_TOKEN";

    public static int run(String... args) {
        return run(System.getenv(TOKEN_VARIABLE), args);
    }

    /** As {@link #run(String...)}, with the admin token given as the environment would give it. */
    public static int run(String adminToken, String... args) {
        return new CommandLine(new StorylineCli(adminToken))
                .setExecutionExceptionHandler((e, cmd, parse) -> {
                    cmd.getErr().println(e.getMessage());
                    return 2;
                })
                .execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    String call(String method, String path, Object body) {
        if (token == null || token.isBlank()) {
            throw new AdminClient.CliException("set " + TOKEN_VARIABLE + " in the environment (the admin token; "
                    + "it is never taken from the command line)");
        }
        return new AdminClient(URI.create(url), token).call(method, path, body);
    }

    String accountPath(String rest) {
        return "/api/accounts/" + account + rest;
    }

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        StorylineCli cli;

        abstract String run();

        @Override
        public Integer call() {
            String out = run();
            if (!out.isEmpty()) {
                System.out.println(out);
            }
            return 0;
        }
    }

    @Command(name = "accounts", description = "List accounts.")
    static class Accounts extends Sub {
        String run() {
            return cli.call("GET", "/api/accounts", null);
        }
    }

    @Command(name = "add-account", description = "Add an account.")
    static class AddAccount extends Sub {
        @Parameters(index = "0", description = "account id") String id;
        @Option(names = "--instagram-user-id") String igUser;
        @Option(names = "--media-subdir", defaultValue = "") String subdir;
        @Option(names = "--posts-per-day", defaultValue = "6") int postsPerDay;
        @Option(names = "--window", defaultValue = "9-21", description = "posting window hours, e.g. 9-21 or 20-2") String window;
        @Option(names = "--timezone", defaultValue = "UTC") String timezone;
        @Option(names = "--api", description = "enable the Graph API route") boolean api;
        @Option(names = "--live", description = "publish for real (default: dry-run)") boolean live;

        String run() {
            String[] hours = window.split("-");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("displayName", id);
            body.put("instagramUserId", igUser);
            body.put("apiEnabled", api);
            body.put("dryRun", !live);
            body.put("tokenHealthy", true);
            body.put("paused", false);
            body.put("mediaSubdir", subdir);
            body.put("postsPerDay", postsPerDay);
            body.put("windowStartHour", Integer.parseInt(hours[0]));
            body.put("windowEndHour", Integer.parseInt(hours[1]));
            body.put("timezone", timezone);
            body.put("jitterMinutes", 0);
            return cli.call("POST", "/api/accounts", body);
        }
    }

    @Command(name = "api", description = "Enable or disable the Graph API route of the account.")
    static class Api extends Sub {
        @Parameters(index = "0", description = "on|off") String state;

        String run() {
            return cli.call("PUT", cli.accountPath("/api"), Map.of("enabled", state.equals("on")));
        }
    }

    @Command(name = "index", description = "Index the account's media folder now.")
    static class Index extends Sub {
        String run() {
            return cli.call("POST", cli.accountPath("/media/index"), null);
        }
    }

    @Command(name = "media", description = "List media (filters: --category, --invalid, --locked).")
    static class Media extends Sub {
        @Option(names = "--category") String category;
        @Option(names = "--invalid") boolean invalid;
        @Option(names = "--locked") boolean locked;

        String run() {
            StringBuilder query = new StringBuilder("?active=true");
            if (category != null) query.append("&category=").append(category);
            if (invalid) query.append("&valid=false");
            if (locked) query.append("&locked=true");
            return cli.call("GET", cli.accountPath("/media" + query), null);
        }
    }

    @Command(name = "categories", description = "List categories.")
    static class Categories extends Sub {
        String run() {
            return cli.call("GET", cli.accountPath("/categories"), null);
        }
    }

    @Command(name = "mix", description = "Show the current category mix.")
    static class Mix extends Sub {
        String run() {
            return cli.call("GET", cli.accountPath("/category-mix"), null);
        }
    }

    @Command(name = "set-mix", description = "Set the category mix, e.g. set-mix memes=60 merch=40 --by ann (must sum to 100).")
    static class SetMix extends Sub {
        @Parameters(description = "category=percent ...") Map<String, BigDecimal> ratios;
        @Option(names = "--by", required = true, description = "who changes it") String by;

        String run() {
            return cli.call("PUT", cli.accountPath("/category-mix"), Map.of("ratios", ratios, "changedBy", by));
        }
    }

    @Command(name = "mix-history", description = "Category mix history.")
    static class MixHistory extends Sub {
        String run() {
            return cli.call("GET", cli.accountPath("/category-mix/history"), null);
        }
    }

    @Command(name = "schedule", description = "Plan N days ahead (default 7).")
    static class Schedule extends Sub {
        @Parameters(index = "0", defaultValue = "7") int days;

        String run() {
            return cli.call("POST", cli.accountPath("/schedule?days=" + days), null);
        }
    }

    @Command(name = "queue", description = "Upcoming and in-flight posts.")
    static class QueueCmd extends Sub {
        @Option(names = "--limit", defaultValue = "50") int limit;

        String run() {
            return cli.call("GET", cli.accountPath("/queue?limit=" + limit), null);
        }
    }

    @Command(name = "pause", description = "Pause posting.")
    static class Pause extends Sub {
        String run() {
            return cli.call("POST", cli.accountPath("/pause"), null);
        }
    }

    @Command(name = "resume", description = "Resume posting; overdue slots: drop (default), reschedule or force.")
    static class Resume extends Sub {
        @Option(names = "--overdue", defaultValue = "drop") String overdue;

        String run() {
            return cli.call("POST", cli.accountPath("/resume?overdue=" + overdue.toUpperCase()), null);
        }
    }

    @Command(name = "post-next", description = "Post the next slot now.")
    static class PostNext extends Sub {
        String run() {
            return cli.call("POST", cli.accountPath("/post-next"), null);
        }
    }

    @Command(name = "stats", description = "Library and posting figures, days of content left.")
    static class StatsCmd extends Sub {
        String run() {
            return cli.call("GET", cli.accountPath("/stats"), null);
        }
    }

    @Command(name = "history", description = "Last N posts.")
    static class History extends Sub {
        @Parameters(index = "0", defaultValue = "20") int limit;

        String run() {
            return cli.call("GET", cli.accountPath("/history?limit=" + limit), null);
        }
    }

    @Command(name = "locks", description = "Active repost locks.")
    static class LocksCmd extends Sub {
        String run() {
            return cli.call("GET", cli.accountPath("/locks"), null);
        }
    }

    @Command(name = "stuck", description = "Posts in flight with no outcome for too long.")
    static class Stuck extends Sub {
        String run() {
            return cli.call("GET", cli.accountPath("/stuck"), null);
        }
    }

    @Command(name = "dlq", description = "Dead-letter queues: list, show, replay, purge.",
            subcommands = {DlqList.class, DlqShow.class, DlqReplay.class, DlqPurge.class})
    static class Dlq {
        @ParentCommand
        StorylineCli cli;
    }

    abstract static class DlqSub implements Callable<Integer> {
        @ParentCommand
        Dlq dlq;

        abstract String run();

        @Override
        public Integer call() {
            System.out.println(run());
            return 0;
        }
    }

    @Command(name = "list", description = "Dead letters with queue, reason, event type, post and age (optionally of one work queue).")
    static class DlqList extends DlqSub {
        @Parameters(index = "0", arity = "0..1", description = "work queue, e.g. upload.requests") String queue;

        String run() {
            String depths = dlq.cli.call("GET", "/api/dlq/depths", null);
            return depths + "\n" + dlq.cli.call("GET", "/api/dlq" + (queue == null ? "" : "?queue=" + queue), null);
        }
    }

    @Command(name = "show", description = "One dead letter with its body.")
    static class DlqShow extends DlqSub {
        @Parameters(index = "0", description = "work queue") String queue;
        @Parameters(index = "1", description = "message id (the event id)") String messageId;

        String run() {
            return dlq.cli.call("GET", "/api/dlq/" + queue + "/" + messageId, null);
        }
    }

    @Command(name = "replay", description = "Send dead letters back to their original routing key (one with --id, or all).")
    static class DlqReplay extends DlqSub {
        @Parameters(index = "0", description = "work queue") String queue;
        @Option(names = "--id", description = "message id; all when omitted") String messageId;

        String run() {
            return dlq.cli.call("POST", "/api/dlq/" + queue + "/replay" + (messageId == null ? "" : "?messageId=" + messageId), null);
        }
    }

    @Command(name = "purge", description = "Delete every dead letter of a queue (asks for confirmation).")
    static class DlqPurge extends DlqSub {
        @Parameters(index = "0", description = "work queue") String queue;
        @Option(names = "--yes", description = "do not ask") boolean yes;

        String run() {
            if (!yes) {
                java.io.Console console = System.console();
                String answer = console == null ? null : console.readLine("Delete every message in %s.dlq for good? [y/N] ", queue);
                if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
                    throw new AdminClient.CliException("not purged (confirm with y, or pass --yes)");
                }
            }
            return dlq.cli.call("DELETE", "/api/dlq/" + queue + "?confirm=true", null);
        }
    }
}
