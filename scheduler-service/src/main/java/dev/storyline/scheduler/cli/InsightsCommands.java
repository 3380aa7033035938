package dev.storyline.scheduler.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What an operator reads: figures, history, locks. */
final class InsightsCommands {

    private InsightsCommands() {}

    @Command(
            name = "stats",
            description = "Library, outcomes, missed and empty slots, days of content left.",
            footerHeading = "%nExample:%n",
            footer = "  storyline --account tokyo stats")
    static class Stats extends StorylineCli.Sub {
        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath("/stats"), null);
        }

        String human(Object answer) {
            Map<?, ?> s = (Map<?, ?>) answer;
            return s.get("accountId") + "\n"
                    + "  library   " + s.get("active") + " active, " + s.get("eligible") + " postable, "
                    + s.get("locked")
                    + " locked, " + s.get("invalid") + " invalid\n"
                    + "  posts     " + s.get("published") + " published, " + s.get("postedManually")
                    + " posted by hand, "
                    + s.get("skipped") + " skipped, " + s.get("rejected") + " rejected, " + s.get("failed")
                    + " failed\n"
                    + "  slots     " + s.get("missed") + " missed, " + s.get("empty")
                    + " empty (see storyline history)\n"
                    + "  content   "
                    + (s.get("daysOfContentLeft") == null
                            ? "no plan (0 posts a day)"
                            : s.get("daysOfContentLeft") + " days left at " + s.get("postsPerDay") + " a day");
        }
    }

    @Command(
            name = "history",
            description =
                    "The last N posts and slots, newest first: outcomes, and slots missed or left empty with the reason.",
            footerHeading = "%nExamples:%n",
            footer = {"  storyline history 20", "  storyline history 20 --offset 20"})
    static class History extends StorylineCli.Sub {
        @Parameters(index = "0", defaultValue = "20", description = "how many, 1..500 (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "skip this many")
        int offset;

        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath("/history?limit=" + limit + "&offset=" + offset), null);
        }

        String human(Object answer) {
            return new Table()
                            .column("WHEN (UTC)", "occurredAt")
                            .column("STATUS", "status")
                            .column("BY", r -> r.get("postedBy") != null ? r.get("postedBy") : r.get("method"))
                            .column("MEDIA", "mediaPath")
                            .column("POST", "postId")
                            .column("NOTE", r -> r.get("error"))
                            .render(answer)
                    + StorylineCli.more(answer, limit, offset, "history " + limit);
        }
    }

    @Command(
            name = "locks",
            description = "Media locked against reposting (paged).",
            footerHeading = "%nExample:%n",
            footer = "  storyline locks --limit 50")
    static class Locks extends StorylineCli.Paged {
        Locks() {
            super(100);
        }

        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath(page("/locks")), null);
        }

        String human(Object answer) {
            return new Table()
                            .column("MEDIA", "mediaPath")
                            .column("WHY", "reason")
                            .column(
                                    "UNTIL (UTC)",
                                    r -> Boolean.TRUE.equals(r.get("permanent"))
                                            ? "for good"
                                            : Table.when(r.get("lockedUntil")))
                            .column("POST", "postId")
                            // set for an item rejected from the library, which has no post
                            .column("BY", "lockedBy")
                            .render(answer)
                    + more(answer, "locks");
        }
    }
}
