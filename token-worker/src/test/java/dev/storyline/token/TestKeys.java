package dev.storyline.token;

import java.util.Base64;

/** Fixed test keys: k1 is the "old" key, k2 the newest. */
final class TestKeys {

    static final String OLD = "k1:" + key((byte) 1);
    static final String NEW = "k2:" + key((byte) 2);
    /** What the service runs with in tests: newest first. */
    static final String RING = NEW + "," + OLD;

    private TestKeys() {}

    static String key(byte fill) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (fill * 31 + i);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
