package dev.storyline.scheduler.cli;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Planning and posting: the mix, the plan, the queue, pause/resume, post now, resolve by hand. */
final class ScheduleCommands {

    private ScheduleCommands() {}

    private static Table mixTable() {
        return new Table().column("CATEGORY", "category").column("PERCENT", "ratioPercent");
    }

    @Command(
            name = "mix",
            description = "The current category mix.",
            footerHeading = "%nExample:%n",
            footer = "  storyline mix")
    static class Mix extends StorylineCli.Sub {
        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath("/category-mix"), null);
        }

        String human(Object answer) {
            return ((List<?>) answer).isEmpty()
                    ? "no mix set: slots take any category"
                    : mixTable().render(answer);
        }
    }

    @Command(
            name = "set-mix",
            description = "Set the category mix; the percentages must sum to 100.",
            footerHeading = "%nExample:%n",
            footer = "  storyline set-mix memes=60 merch=40 --by ann")
    static class SetMix extends StorylineCli.Sub {
        @Parameters(arity = "1..*", paramLabel = "CATEGORY=PERCENT", description = "e.g. memes=60 merch=40")
        Map<String, BigDecimal> ratios;

        @Option(names = "--by", required = true, description = "who changes it (kept in mix-history)")
        String by;

        Object ask(StorylineCli cli) {
            return cli.call("PUT", cli.accountPath("/category-mix"), Map.of("ratios", ratios, "changedBy", by));
        }

        String human(Object answer) {
            return mixTable().render(answer) + "\n(changed by " + by + "; see storyline mix-history)";
        }
    }

    @Command(
            name = "mix-history",
            description = "Every category mix so far, with who set it.",
            footerHeading = "%nExample:%n",
            footer = "  storyline mix-history")
    static class MixHistory extends StorylineCli.Sub {
        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath("/category-mix/history"), null);
        }

        String human(Object answer) {
            return new Table()
                    .column("FROM (UTC)", "effectiveFrom")
                    .column("TO (UTC)", "effectiveTo")
                    .column("CATEGORY", "category")
                    .column("PERCENT", "ratioPercent")
                    .column("BY", "changedBy")
                    .render(answer);
        }
    }

    @Command(
            name = "schedule",
            description = "Plan N days ahead (days already planned stay as they are).",
            footerHeading = "%nExample:%n",
            footer = "  storyline schedule 7")
    static class Schedule extends StorylineCli.Sub {
        @Parameters(index = "0", defaultValue = "7", description = "days, 1..90 (default ${DEFAULT-VALUE})")
        int days;

        Object ask(StorylineCli cli) {
            return cli.call("POST", cli.accountPath("/schedule?days=" + days), null);
        }

        String human(Object answer) {
            Map<?, ?> r = (Map<?, ?>) answer;
            StringBuilder out = new StringBuilder("planned " + r.get("slotsCreated") + " new slots for the next " + days
                    + " days (see storyline queue)");
            AccountCommands.warnings(r, out);
            return out.toString();
        }
    }

    @Command(
            name = "queue",
            description = {
                "The upcoming posts: planned and in flight, and the last day's slots missed or left empty (with the reason)."
            },
            footerHeading = "%nExample:%n",
            footer = "  storyline queue --limit 10")
    static class Queue extends StorylineCli.Paged {
        Queue() {
            super(50);
        }

        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath(page("/queue")), null);
        }

        String human(Object answer) {
            return new Table()
                            .column("WHEN (UTC)", "slotAt")
                            .column("STATUS", "status")
                            .column("CATEGORY", "category")
                            .column("MEDIA", "mediaPath")
                            .column("ROUTE", "route")
                            .column("POST", "id")
                            .column("NOTE", "note")
                            .render(answer)
                    + more(answer, "queue");
        }
    }

    @Command(
            name = "pause",
            description = "Pause posting: due slots wait until resume.",
            footerHeading = "%nExample:%n",
            footer = "  storyline pause")
    static class Pause extends StorylineCli.Sub {
        Object ask(StorylineCli cli) {
            return cli.call("POST", cli.accountPath("/pause"), null);
        }

        String human(Object answer) {
            return "paused " + ((Map<?, ?>) answer).get("id")
                    + " (resume with storyline resume --overdue drop|reschedule|force)";
        }
    }

    enum Overdue {
        drop,
        reschedule,
        force
    }

    @Command(
            name = "resume",
            description = {
                "Resume posting. Slots that fell due while paused are",
                "  drop: marked missed (default), reschedule: posted from now on 5 min apart,",
                "  force: posted from now on 5 min apart even outside the window."
            },
            footerHeading = "%nExample:%n",
            footer = "  storyline resume --overdue reschedule")
    static class Resume extends StorylineCli.Sub {
        @Option(
                names = "--overdue",
                defaultValue = "drop",
                description = "drop, reschedule or force (default ${DEFAULT-VALUE})")
        Overdue overdue;

        Object ask(StorylineCli cli) {
            return cli.call("POST", cli.accountPath("/resume?overdue=" + overdue.name()), null);
        }

        String human(Object answer) {
            Map<?, ?> r = (Map<?, ?>) answer;
            return "resumed " + r.get("accountId") + "; " + r.get("affected") + " overdue slot(s): "
                    + switch (overdue) {
                        case drop -> "dropped (missed)";
                        case reschedule -> "rescheduled 5 min apart";
                        case force -> "forced 5 min apart";
                    };
        }
    }

    @Command(
            name = "post-next",
            description = "Post the next slot now (even while paused); refused when nothing can be posted.",
            footerHeading = "%nExample:%n",
            footer = "  storyline post-next")
    static class PostNext extends StorylineCli.Sub {
        Object ask(StorylineCli cli) {
            return cli.call("POST", cli.accountPath("/post-next"), null);
        }

        String human(Object answer) {
            return "post " + ((Map<?, ?>) answer).get("postId") + " goes out now (follow it with storyline queue)";
        }
    }

    enum Action {
        posted,
        skipped,
        rejected
    }

    @Command(
            name = "resolve",
            description = {
                "Decide what happened to a post in flight, as a Telegram tap would; the first decision wins.",
                "  posted: locks the medium 30 days, skipped: 45 days, rejected: for good."
            },
            footerHeading = "%nExample:%n",
            footer = "  storyline resolve 3f2b8c1e-5d7a-4c1e-9a55-0c3c9e1f2a10 posted --by ann")
    static class Resolve extends StorylineCli.Sub {
        @Parameters(index = "0", paramLabel = "POST", description = "the post id (storyline queue shows it)")
        UUID post;

        @Parameters(index = "1", paramLabel = "posted|skipped|rejected", description = "what happened")
        Action action;

        @Option(names = "--by", defaultValue = "${env:USER:-operator}", description = "who decides (default: $USER)")
        String by;

        Object ask(StorylineCli cli) {
            return cli.call(
                    "POST",
                    cli.accountPath("/posts/" + post + "/resolve"),
                    Map.of("action", action.name(), "by", by, "via", "cli"));
        }

        String human(Object answer) {
            return "post " + post + " resolved: " + action + " by " + by;
        }
    }

    @Command(
            name = "stuck",
            description = "Posts in flight with no outcome for too long (2 h automatic, 24 h manual).",
            footerHeading = "%nExample:%n",
            footer = "  storyline stuck")
    static class Stuck extends StorylineCli.Paged {
        Stuck() {
            super(50);
        }

        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath(page("/stuck")), null);
        }

        String human(Object answer) {
            return ((List<?>) answer).isEmpty() && offset == 0
                    ? "nothing stuck"
                    : new Table()
                                    .column("SINCE (UTC)", "dispatchedAt")
                                    .column("STATUS", "status")
                                    .column("POST", "postId")
                                    .column("NOTE", "note")
                                    .render(answer)
                            + more(answer, "stuck");
        }
    }
}
