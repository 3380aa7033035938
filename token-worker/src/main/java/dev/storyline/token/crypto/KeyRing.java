package dev.storyline.token.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys from {@code TOKEN_ENCRYPTION_KEYS}, newest first. New values are always sealed
 * with the newest key; older keys stay only so existing values still open until
 * {@link KeyRotation} has re-encrypted them.
 */
public final class KeyRing {

    static final String VARIABLE = "TOKEN_ENCRYPTION_KEYS";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final String FORMAT =
            " (expected comma-separated id:base64 entries, newest first, each key 32 random bytes,"
                    + " e.g. k2:$(openssl rand -base64 32),k1:<older key>)";

    public record Key(String id, SecretKey secret) {

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private final List<Key> keys;
    private final Map<String, Key> byId;

    private KeyRing(List<Key> keys) {
        this.keys = List.copyOf(keys);
        Map<String, Key> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k.id(), k));
        this.byId = Map.copyOf(map);
    }

    /** Parses the variable's value; every problem names the variable and the entry, never key material. */
    public static KeyRing parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new KeyConfigurationException(VARIABLE + " is not set" + FORMAT);
        }
        List<Key> keys = new ArrayList<>();
        String[] entries = spec.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            keys.add(parseEntry(entries[i].trim(), i + 1));
        }
        for (int i = 0; i < keys.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (keys.get(i).id().equals(keys.get(j).id())) {
                    throw new KeyConfigurationException(VARIABLE + " lists key id '"
                            + keys.get(i).id() + "' more than once; every key needs its own id");
                }
            }
        }
        return new KeyRing(keys);
    }

    private static Key parseEntry(String entry, int position) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw new KeyConfigurationException(VARIABLE + " entry " + position + " is not id:base64key" + FORMAT);
        }
        String id = entry.substring(0, colon).trim();
        if (!KEY_ID.matcher(id).matches()) {
            throw new KeyConfigurationException(VARIABLE + " entry " + position
                    + " has no usable key id (1-32 letters, digits, '.', '_' or '-' before the ':')" + FORMAT);
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new KeyConfigurationException(VARIABLE + " key '" + id + "' is not valid base64" + FORMAT);
        }
        if (material.length != 32) {
            throw new KeyConfigurationException(
                    VARIABLE + " key '" + id + "' is " + material.length + " bytes; AES-256 needs exactly 32" + FORMAT);
        }
        return new Key(id, new SecretKeySpec(material, "AES"));
    }

    public Key newest() {
        return keys.getFirst();
    }

    public Optional<Key> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<String> ids() {
        return keys.stream().map(Key::id).toList();
    }

    @Override
    public String toString() {
        return "KeyRing" + ids();
    }
}
