package dev.gantry.secret;

import dev.gantry.store.Secrets;
import dev.gantry.store.Store;
import dev.gantry.store.StoredSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets of services (docs/secrets.md): sealed with the key of {@code $GANTRY_HOME/secrets.key}
 * into the store, opened for a run, and turned into the mask of the run's output. A value never
 * appears in what this class says.
 */
public final class Vault {
    /** The largest value, in UTF-8 bytes: far below what Linux allows one environment variable (128 KiB). */
    public static final int LARGEST = 64 * 1024;

    private final KeyFile keyFile;
    private final Secrets table;

    private Vault(KeyFile keyFile, Secrets table) {
        this.keyFile = keyFile;
        this.table = table;
    }

    /** The vault of the installation at {@code home}, whose store is {@code store}. */
    public static Vault of(Path home, Store store) {
        return new Vault(new KeyFile(home), store.secrets());
    }

    /** Sets secret {@code name} of {@code service} to {@code value}, creating the key on first use. */
    public void set(String service, String name, String value) {
        SecretName secret = SecretName.of(service, name);
        check(secret, value);
        SecretCipher.Sealed sealed = new SecretCipher(keyFile.readOrCreate(), keyFile.path()).seal(secret, value);
        table.put(service, name, sealed.nonce(), sealed.ciphertext());
    }

    /** The names of the secrets of {@code service} and when each was set; the key is not needed. */
    public List<SecretEntry> list(String service) {
        SecretName.checkService(service);
        return table.of(service).stream().map(s -> new SecretEntry(s.name(), s.updatedAt())).toList();
    }

    /** Removes secret {@code name} of {@code service}; one it does not have is a {@link SecretInputException}. */
    public void remove(String service, String name) {
        SecretName secret = SecretName.of(service, name);
        if (!table.remove(service, name)) {
            List<String> names = list(service).stream().map(SecretEntry::name).toList();
            throw new SecretInputException(service + " has no secret " + name + "; "
                    + (names.isEmpty() ? "it has none." : "it has " + String.join(", ", names) + ".")
                    + " `gantry secret list " + secret.service() + "` lists them.");
        }
    }

    /** The decrypted secrets of {@code service}; without any, the key file is not touched. */
    public SecretValues values(String service) {
        List<StoredSecret> stored = table.of(service);
        if (stored.isEmpty()) {
            return SecretValues.NONE;
        }
        var cipher = new SecretCipher(keyFile.read(), keyFile.path());
        Map<String, String> values = new LinkedHashMap<>();
        for (StoredSecret s : stored) {
            values.put(s.name(), cipher.open(new SecretName(s.service(), s.name()), s.nonce(), s.ciphertext()));
        }
        return SecretValues.of(values);
    }

    /** The mask of {@code service}'s secrets, for output made outside a run (audit, logs). */
    public SecretMask mask(String service) {
        return values(service).mask();
    }

    /** Where the key is (or will be created). */
    public Path keyFile() {
        return keyFile.path();
    }

    private static void check(SecretName secret, String value) {
        String problem = value.isEmpty() ? "is empty"
                : value.length() < SecretMask.SHORTEST ? "is shorter than " + SecretMask.SHORTEST + " characters, too"
                        + " short to be masked in output without hiding ordinary words"
                : value.getBytes(StandardCharsets.UTF_8).length > LARGEST ? "is longer than " + LARGEST / 1024 + " KiB"
                : value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                        ? "holds control characters (base64-encode binary values)"
                : null;
        if (problem != null) {
            throw new SecretInputException("The value given for " + secret + " " + problem + "; nothing was stored."
                    + " Give the value on standard input: `gantry secret set " + secret.service() + " " + secret.name()
                    + " < FILE`.");
        }
    }
}
