package dev.gantry.cli;

import dev.gantry.secret.SecretInputException;
import dev.gantry.secret.Vault;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A secret's value from standard input, never echoed: typed at a terminal (one line, echo off), or
 * piped (all of it, one trailing newline removed). Empty means nothing was given.
 */
final class SecretInput {
    private SecretInput() {
    }

    /** The value typed or piped in, for {@code what} ("API_TOKEN of books-ms"). */
    static String read(String what) {
        Console console = terminal();
        if (console != null) {
            char[] typed = console.readPassword("value of %s (not shown): ", what);
            return typed == null ? "" : new String(typed);
        }
        return piped(System.in, what);
    }

    /** All of {@code in}, one trailing newline removed; too long or not UTF-8 is a {@link SecretInputException}. */
    static String piped(InputStream in, String what) {
        try {
            byte[] bytes = in.readNBytes(Vault.LARGEST + 3);
            if (bytes.length > Vault.LARGEST + 2) {
                throw new SecretInputException("The value of " + what + " on standard input is longer than "
                        + Vault.LARGEST / 1024 + " KiB; nothing was stored.");
            }
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (CharacterCodingException e) {
            throw new SecretInputException("The value of " + what + " on standard input is not UTF-8 text;"
                    + " base64-encode binary values first. Nothing was stored.");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the secret's value from standard input failed", e);
        }
    }

    /**
     * The console if standard input and output are a terminal. Up to JDK 21 a console exists only
     * then; from JDK 22 one may exist without a terminal, and {@code Console.isTerminal()} says.
     */
    private static Console terminal() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console) ? console : null;
        } catch (NoSuchMethodException jdk21) {
            return console;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
