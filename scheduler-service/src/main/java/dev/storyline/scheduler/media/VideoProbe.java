package dev.storyline.scheduler.media;

import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.MovieBox;
import org.mp4parser.boxes.iso14496.part12.MovieHeaderBox;
import org.mp4parser.boxes.iso14496.part12.SampleDescriptionBox;
import org.mp4parser.boxes.iso14496.part12.TrackBox;
import org.mp4parser.boxes.iso14496.part12.TrackHeaderBox;
import org.mp4parser.boxes.sampleentry.SampleEntry;
import org.mp4parser.boxes.sampleentry.VisualSampleEntry;
import org.mp4parser.tools.Path;

import java.io.IOException;
import java.util.Optional;

/** Reads duration, codec and picture size from the MP4/MOV container boxes, without decoding frames. */
final class VideoProbe {

    record VideoInfo(long durationMs, String codec, int width, int height) {
    }

    private VideoProbe() {
    }

    static Optional<VideoInfo> probe(java.nio.file.Path file) {
        try (IsoFile iso = new IsoFile(file.toFile())) {
            MovieBox movie = iso.getMovieBox();
            if (movie == null) {
                return Optional.empty();
            }
            MovieHeaderBox header = movie.getMovieHeaderBox();
            long durationMs = header == null || header.getTimescale() == 0 ? -1
                    : header.getDuration() * 1000 / header.getTimescale();
            for (TrackBox track : movie.getBoxes(TrackBox.class)) {
                SampleDescriptionBox descriptions = Path.getPath(track, "mdia[0]/minf[0]/stbl[0]/stsd[0]");
                if (descriptions == null) {
                    continue;
                }
                for (SampleEntry entry : descriptions.getBoxes(SampleEntry.class)) {
                    if (entry instanceof VisualSampleEntry visual) {
                        TrackHeaderBox trackHeader = track.getTrackHeaderBox();
                        int width = trackHeader != null && trackHeader.getWidth() > 0 ? (int) trackHeader.getWidth() : visual.getWidth();
                        int height = trackHeader != null && trackHeader.getHeight() > 0 ? (int) trackHeader.getHeight() : visual.getHeight();
                        return Optional.of(new VideoInfo(durationMs, visual.getType(), width, height));
                    }
                }
            }
            return Optional.of(new VideoInfo(durationMs, null, 0, 0));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
