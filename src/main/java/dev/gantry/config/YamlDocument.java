package dev.gantry.config;

import dev.gantry.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads a config file into a YAML node tree (which keeps line numbers), within safe limits. */
final class YamlDocument {
    static final int MAX_SIZE = 256 * 1024;
    static final int MAX_DEPTH = 16;

    private YamlDocument() {
    }

    /** The file's text, read as UTF-8 and never more than MAX_SIZE bytes, or empty after a problem. */
    static Optional<String> readFile(Path file, Problems problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("", 0, "the file is not a regular file (a directory, device or pipe?); make it a text file");
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_SIZE + 1);
            if (bytes.length > MAX_SIZE) {
                problems.add("", 0, tooBig());
                return Optional.empty();
            }
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            problems.add("", 0, "the file is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            problems.add("", 0, "the file could not be read (" + Reason.of(e) + "); check that it is a readable file");
        }
        return Optional.empty();
    }

    /** The document's root node; empty for an empty document or after a problem. */
    static Optional<Node> compose(String text, Problems problems) {
        if (text.length() > MAX_SIZE) {
            problems.add("", 0, tooBig());
            return Optional.empty();
        }
        LoadSettings settings = settings();
        try {
            var parser = new GuardedParser(new ParserImpl(settings, new StreamReader(settings, text)), MAX_DEPTH);
            return new Composer(settings, parser).getSingleNode();
        } catch (GuardedParser.Refused e) {
            problems.add("", e.line(), e.getMessage());
        } catch (MarkedYamlEngineException e) {
            problems.add("", line(e.getProblemMark()), "not valid YAML: " + e.getProblem() + context(e));
        } catch (ReaderException e) {
            problems.add("", lineAt(text, e.getPosition()), "not valid YAML: the character U+"
                    + String.format("%04X", e.getCodePoint()) + " is not allowed in YAML; remove it");
        } catch (YamlEngineException e) {
            problems.add("", 0, "not valid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static LoadSettings settings() {
        return LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setCodePointLimit(MAX_SIZE + 1)
                .setMaxAliasesForCollections(0) // GuardedParser refuses every alias first; this is a second lock
                .setAllowDuplicateKeys(true) // YamlMap reports duplicates with both lines
                .setAllowNonScalarKeys(true) // YamlMap reports them with a line
                .setParseComments(false)
                .build();
    }

    private static String tooBig() {
        return "the file is larger than " + MAX_SIZE / 1024 + " KiB, far more than any config needs; check that it is the right file";
    }

    private static String context(MarkedYamlEngineException e) {
        if (e.getContext() == null || e.getContextMark().isEmpty()) {
            return "";
        }
        return " (" + e.getContext() + " that starts on line " + line(e.getContextMark()) + ")";
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    private static int lineAt(String text, int codePointIndex) {
        int[] codePoints = text.codePoints().limit(codePointIndex).toArray();
        int line = 1;
        for (int c : codePoints) {
            line += c == '\n' ? 1 : 0;
        }
        return line;
    }
}
