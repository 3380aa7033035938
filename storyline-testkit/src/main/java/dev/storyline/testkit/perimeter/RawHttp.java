package dev.storyline.testkit.perimeter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the request line goes out byte for byte, so nothing on the client side
 * normalises, decodes or refuses a hostile path before the server sees it.
 */
public final class RawHttp {

    public record Answer(int status, String raw) {
        public String body() {
            int split = raw.indexOf("\r\n\r\n");
            return split < 0 ? "" : raw.substring(split + 4);
        }
    }

    private RawHttp() {}

    public static Answer send(int port, String method, String target, Map<String, String> headers) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // generous: the first call of an endpoint on a loaded CI machine may take long
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:")
                    .append(port)
                    .append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String raw = readAll(socket.getInputStream());
            if (!raw.startsWith("HTTP/1.1 ")) {
                // the server closed without an answer: nothing was served
                return new Answer(-1, raw);
            }
            return new Answer(Integer.parseInt(raw.substring(9, 12)), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                buffer.write(chunk, 0, n);
            }
        } catch (SocketException e) {
            // a reset after the answer (the server refused the rest of an overlong request)
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
