package dev.storyline.scheduler.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Values the CLI checks itself before asking the API, each refusal naming what is allowed. */
final class Converters {

    private Converters() {}

    /** on|off|true|false in any case; anything else is refused rather than read as off. */
    static final class OnOff implements CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default ->
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not allowed; allowed: on, off, true or false (any case)");
            };
        }
    }

    /** A posting window START-END in whole hours, e.g. 9-21 or 20-2 (crossing midnight); 0-24 is the whole day. */
    record Window(int start, int end) {}

    static final class WindowConverter implements CommandLine.ITypeConverter<Window> {
        @Override
        public Window convert(String value) {
            if (!value.matches("\\d{1,2}-\\d{1,2}")) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not allowed; allowed: START-END in whole "
                                + "hours, START 0..23 and END 0..24, e.g. 9-21 or 20-2 (crossing midnight)");
            }
            String[] hours = value.split("-");
            int start = Integer.parseInt(hours[0]);
            int end = Integer.parseInt(hours[1]);
            if (start > 23 || end > 24) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not allowed; START must be 0..23 and END 0..24");
            }
            if (start == end % 24 && !(start == 0 && end == 24)) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not allowed; START and END must differ " + "(the whole day is 0-24)");
            }
            return new Window(start, end);
        }
    }

    /** An item's id as the API gives it; picocli's own refusal would name a Java exception. */
    static final class MediaId implements CommandLine.ITypeConverter<java.util.UUID> {
        @Override
        public java.util.UUID convert(String value) {
            String id = value.trim();
            if (!id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not allowed; allowed: an item id"
                        + " like 3f2b8c1e-5d7a-4c1e-9a55-0c3c9e1f2a10 (storyline media shows it)");
            }
            return java.util.UUID.fromString(id);
        }
    }
}
