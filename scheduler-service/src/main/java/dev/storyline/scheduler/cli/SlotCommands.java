package dev.storyline.scheduler.cli;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** One slot's whole story from the command line, as the console's slot page tells it. */
final class SlotCommands {

    private SlotCommands() {}

    @Command(
            name = "slot",
            description = {
                "One slot and its timeline: planned, dispatched (route and reason), handed to a person (why),",
                "published (Story id), decided by hand (by whom, via which face), failed / missed (why)."
            },
            footerHeading = "%nExample:%n",
            footer = "  storyline slot 3f2b8c1e-5d7a-4c1e-9a55-0c3c9e1f2a10")
    static class Slot extends StorylineCli.Sub {
        @Parameters(index = "0", paramLabel = "SLOT", description = "the slot (post) id (storyline queue shows it)")
        UUID slot;

        Object ask(StorylineCli cli) {
            return cli.call("GET", cli.accountPath("/slots/" + slot), null);
        }

        String human(Object answer) {
            Map<?, ?> s = (Map<?, ?>) answer;
            StringBuilder out = new StringBuilder()
                    .append("slot ")
                    .append(s.get("id"))
                    .append(" at ")
                    .append(s.get("localTime"))
                    .append(" local (")
                    .append(Table.when(s.get("slotAt")))
                    .append(")\n");
            line(out, "status", s.get("status") + (s.get("outcome") == null ? "" : " (" + s.get("outcome") + ")"));
            line(out, "category", s.get("category"));
            line(out, "media", s.get("mediaPath"));
            line(out, "route", s.get("route") == null ? null : s.get("route") + " (" + s.get("routeReason") + ")");
            line(out, "fallback", s.get("fallbackReason"));
            line(out, "story id", s.get("storyId"));
            line(out, "decided by", s.get("outcomeBy"));
            Object events = s.get("events");
            if (events instanceof List<?> l && !l.isEmpty()) {
                out.append('\n')
                        .append(new Table()
                                .column("AT (UTC)", "at")
                                .column("EVENT", "type")
                                .column("DETAIL", "detail")
                                .column("BY", "by")
                                .column("VIA", "via")
                                .render(events));
            } else {
                out.append("\nno events recorded (the slot may predate the timeline)");
            }
            return out.toString();
        }

        private static void line(StringBuilder out, String label, Object value) {
            if (value != null) {
                out.append("  ")
                        .append(String.format("%-11s", label))
                        .append(value)
                        .append('\n');
            }
        }
    }
}
