package dev.storyline.scheduler.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what a Story needs from an MP4/MOV container (ISO BMFF) without decoding frames: the movie
 * duration, the picture track's codec and size, and whether the file is complete — every top-level
 * box ends within the file, the movie header ({@code moov}) and the media data ({@code mdat}) are there,
 * and the picture track's chunk offsets point inside the file.
 *
 * <p>A small reader of our own rather than a general MP4 library: only a handful of boxes matter, and
 * a library that fails inside a packaged application (class loading, resources, aspects) refuses every
 * video while saying only that it could not read it.
 */
final class VideoProbe {

    record VideoInfo(long durationMs, String codec, int width, int height) {}

    /** The file is not a complete, readable MP4/MOV; the message says what is wrong, for a person. */
    static final class UnreadableVideo extends Exception {
        UnreadableVideo(String message) {
            super(message);
        }
    }

    /** The movie header of a 60 s Story is a few hundred KB at most; anything far bigger is not one. */
    private static final long MAX_MOOV_BYTES = 64L * 1024 * 1024;
    /** Top-level boxes that may open a QuickTime file written without {@code ftyp}. */
    private static final Set<String> QUICKTIME_OPENERS = Set.of("moov", "mdat", "wide", "free", "skip", "pnot");

    private VideoProbe() {}

    private record Box(String type, int start, int end) {
        int length() {
            return end - start;
        }
    }

    static VideoInfo probe(Path file) throws IOException, UnreadableVideo {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer moov = null;
            boolean mediaData = false;
            long position = 0;
            boolean first = true;
            while (position < fileSize) {
                if (fileSize - position < 8) {
                    throw new UnreadableVideo("the file ends inside a box header at byte " + position + " (truncated)");
                }
                ByteBuffer header = read(channel, position, 16 <= fileSize - position ? 16 : 8);
                long size = Integer.toUnsignedLong(header.getInt(0));
                String type = fourcc(header, 4);
                if (type == null) {
                    throw new UnreadableVideo(
                            first
                                    ? "the file does not start like an MP4/MOV file"
                                    : "unreadable data at byte " + position + " where a box should start (corrupt)");
                }
                int headerSize = 8;
                if (size == 1) {
                    if (header.limit() < 16) {
                        throw new UnreadableVideo("the file ends inside the '" + type + "' box header (truncated)");
                    }
                    size = header.getLong(8);
                    headerSize = 16;
                } else if (size == 0) {
                    size = fileSize - position; // "extends to the end of the file"
                }
                if (size < headerSize) {
                    throw new UnreadableVideo("box '" + type + "' at byte " + position
                            + " declares an impossible size of " + size + " bytes (corrupt)");
                }
                if (size > fileSize - position) {
                    throw new UnreadableVideo("box '" + type + "' at byte " + position + " declares " + size
                            + " bytes but the file ends " + (fileSize - position) + " bytes later (truncated)");
                }
                if (first && !"ftyp".equals(type) && !QUICKTIME_OPENERS.contains(type)) {
                    throw new UnreadableVideo(
                            "the file starts with a '" + type + "' box, not 'ftyp': not an MP4/MOV file");
                }
                first = false;
                if ("moov".equals(type)) {
                    if (moov != null) {
                        throw new UnreadableVideo("the file holds two movie headers ('moov'; corrupt)");
                    }
                    if (size - headerSize > MAX_MOOV_BYTES) {
                        throw new UnreadableVideo(
                                "the movie header ('moov') is " + size + " bytes, too large for a Story video");
                    }
                    moov = read(channel, position + headerSize, (int) (size - headerSize));
                } else if ("mdat".equals(type)) {
                    mediaData = true;
                }
                position += size;
            }
            if (moov == null) {
                throw new UnreadableVideo(
                        "no movie header ('moov' box): the file is incomplete (truncated, or the recording never finished)");
            }
            if (!mediaData) {
                throw new UnreadableVideo("no media data ('mdat' box): the file holds no frames");
            }
            return movie(moov, fileSize);
        }
    }

    private static VideoInfo movie(ByteBuffer moov, long fileSize) throws UnreadableVideo {
        List<Box> boxes = children(moov, new Box("moov", 0, moov.limit()));
        Box mvhd = only(boxes, "mvhd");
        if (mvhd == null) {
            throw new UnreadableVideo("the movie header has no 'mvhd' box (corrupt)");
        }
        long durationMs = durationMs(moov, mvhd);
        for (Box trak : boxes) {
            if (!"trak".equals(trak.type())) {
                continue;
            }
            List<Box> track = children(moov, trak);
            Box mdia = only(track, "mdia");
            Box tkhd = only(track, "tkhd");
            if (mdia == null) {
                continue;
            }
            List<Box> media = children(moov, mdia);
            Box hdlr = only(media, "hdlr");
            if (hdlr == null || !"vide".equals(fourccAt(moov, hdlr, 8))) {
                continue;
            }
            Box stbl = path(moov, only(media, "minf"), "stbl");
            Box stsd = stbl == null ? null : only(children(moov, stbl), "stsd");
            if (stsd == null) {
                throw new UnreadableVideo("the picture track has no sample description ('stsd'; corrupt)");
            }
            need(moov, stsd, 8);
            List<Box> entries = children(moov, new Box("stsd", stsd.start() + 8, stsd.end()));
            if (entries.isEmpty()) {
                throw new UnreadableVideo("the picture track describes no codec (empty 'stsd'; corrupt)");
            }
            Box entry = entries.getFirst();
            checkChunkOffsets(moov, children(moov, stbl), fileSize);
            int width = 0;
            int height = 0;
            if (tkhd != null) {
                int version = moov.get(tkhd.start()) & 0xff;
                int matrix = version == 1 ? 52 : 40;
                need(moov, tkhd, matrix + 44);
                width = moov.getInt(tkhd.start() + matrix + 36) >>> 16; // 16.16 fixed point
                height = moov.getInt(tkhd.start() + matrix + 40) >>> 16;
                boolean quarterTurn =
                        moov.getInt(tkhd.start() + matrix) == 0 && moov.getInt(tkhd.start() + matrix + 16) == 0;
                if (quarterTurn) { // shown rotated by 90° or 270°: the picture's width is the stored height
                    int stored = width;
                    width = height;
                    height = stored;
                }
            }
            if (width <= 0 || height <= 0) {
                need(moov, entry, 28);
                width = Short.toUnsignedInt(moov.getShort(entry.start() + 24));
                height = Short.toUnsignedInt(moov.getShort(entry.start() + 26));
            }
            return new VideoInfo(durationMs, entry.type(), width, height);
        }
        return new VideoInfo(durationMs, null, 0, 0);
    }

    private static long durationMs(ByteBuffer moov, Box mvhd) throws UnreadableVideo {
        int version = moov.get(mvhd.start()) & 0xff;
        long timescale;
        long duration;
        if (version == 1) {
            need(moov, mvhd, 32);
            timescale = Integer.toUnsignedLong(moov.getInt(mvhd.start() + 20));
            duration = moov.getLong(mvhd.start() + 24);
        } else {
            need(moov, mvhd, 20);
            timescale = Integer.toUnsignedLong(moov.getInt(mvhd.start() + 12));
            duration = Integer.toUnsignedLong(moov.getInt(mvhd.start() + 16));
            if (duration == 0xFFFFFFFFL) {
                duration = -1;
            }
        }
        if (timescale == 0 || duration < 0) {
            return -1;
        }
        return (long) (duration * 1000.0 / timescale);
    }

    /** Every chunk of the picture track must start inside the file; a cut-off file fails here. */
    private static void checkChunkOffsets(ByteBuffer moov, List<Box> sampleTable, long fileSize)
            throws UnreadableVideo {
        for (Box box : sampleTable) {
            boolean wide = "co64".equals(box.type());
            if (!wide && !"stco".equals(box.type())) {
                continue;
            }
            need(moov, box, 8);
            long count = Integer.toUnsignedLong(moov.getInt(box.start() + 4));
            int entrySize = wide ? 8 : 4;
            if (count * entrySize > box.length() - 8) {
                throw new UnreadableVideo("the chunk offset table ('" + box.type() + "') is cut short (corrupt)");
            }
            for (int i = 0; i < count; i++) {
                int at = box.start() + 8 + i * entrySize;
                long offset = wide ? moov.getLong(at) : Integer.toUnsignedLong(moov.getInt(at));
                if (offset < 0 || offset >= fileSize) {
                    throw new UnreadableVideo("video data at byte " + offset + " lies beyond the end of the " + fileSize
                            + "-byte file (truncated)");
                }
            }
        }
    }

    private static List<Box> children(ByteBuffer buffer, Box parent) throws UnreadableVideo {
        List<Box> boxes = new ArrayList<>();
        int position = parent.start();
        while (parent.end() - position >= 8) {
            long size = Integer.toUnsignedLong(buffer.getInt(position));
            String type = fourcc(buffer, position + 4);
            int headerSize = 8;
            if (size == 1) {
                if (parent.end() - position < 16) {
                    throw new UnreadableVideo("a box inside '" + parent.type() + "' is cut short (corrupt)");
                }
                size = buffer.getLong(position + 8);
                headerSize = 16;
            } else if (size == 0) {
                size = parent.end() - position;
            }
            if (type == null || size < headerSize || size > parent.end() - position) {
                throw new UnreadableVideo("box '" + (type == null ? "?" : type) + "' inside '" + parent.type()
                        + "' declares " + size + " bytes, more than its parent holds (corrupt)");
            }
            boxes.add(new Box(type, position + headerSize, (int) (position + size)));
            position += (int) size;
        }
        // fewer than 8 bytes left: QuickTime ends some lists with a 32-bit zero terminator
        return boxes;
    }

    private static Box only(List<Box> boxes, String type) {
        return boxes.stream().filter(b -> type.equals(b.type())).findFirst().orElse(null);
    }

    private static Box path(ByteBuffer buffer, Box from, String type) throws UnreadableVideo {
        return from == null ? null : only(children(buffer, from), type);
    }

    private static void need(ByteBuffer buffer, Box box, int bytes) throws UnreadableVideo {
        if (box.length() < bytes) {
            throw new UnreadableVideo("the '" + box.type() + "' box is too short (corrupt)");
        }
    }

    private static String fourccAt(ByteBuffer buffer, Box box, int offset) throws UnreadableVideo {
        need(buffer, box, offset + 4);
        return fourcc(buffer, box.start() + offset);
    }

    /** Four printable ASCII characters (QuickTime also uses '©'), or null for anything else. */
    private static String fourcc(ByteBuffer buffer, int at) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            byte b = buffer.get(at + i);
            if ((b < 0x20 || b > 0x7e) && b != (byte) 0xa9) {
                return null;
            }
            bytes[i] = b;
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
