package dev.gantry.config;

import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** How a message shows what was found: {@code "two"} (a string), {@code 0}, {@code a map}, {@code empty}. */
final class Found {
    private static final int SHOWN_LENGTH = 60;
    private static final Set<Tag> PLAIN_VALUES = Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL);

    private Found() {
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.STR)) {
            return quote(scalar.getValue());
        }
        if (tag.equals(Tag.NULL)) {
            return "empty";
        }
        return PLAIN_VALUES.contains(tag) ? shorten(scalar.getValue()) : "a value tagged " + shorten(tag.getValue());
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /** Text in double quotes, control characters escaped and cut at 60 characters. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().limit(SHOWN_LENGTH).forEach(c -> quoted.append(escape(c)));
        if (text.codePointCount(0, text.length()) > SHOWN_LENGTH) {
            quoted.append("...");
        }
        return quoted.append('"').toString();
    }

    /** Text without quotes (numbers, true/false, tags), cut at 60 characters. */
    static String shorten(String text) {
        String quoted = quote(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static String escape(int c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c);
        };
    }
}
