package dev.storyline.platform.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange bounded end to end. {@link HttpRequest#timeout} only bounds the wait for the response
 * headers: a server that sends its headers and then stalls in the body holds a plain {@code send} for
 * ever (and a worker's thread past its claim's lease). Here the whole exchange, body included, must
 * finish within {@code limit}; otherwise it is cancelled (which aborts the connection) and an
 * {@link HttpTimeoutException} is thrown, as for a header timeout.
 */
public final class BoundedHttp {

    private BoundedHttp() {}

    public static <T> HttpResponse<T> send(
            HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body, Duration limit)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, body);
        try {
            return exchange.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException(
                    "no complete answer from " + request.uri().getHost() + " within " + limit);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }
}
