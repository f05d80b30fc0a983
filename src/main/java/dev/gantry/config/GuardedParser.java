package dev.gantry.config;

import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A YAML event stream that refuses what a config file never needs and an attacker would use:
 * aliases (billion laughs), nesting deeper than a limit, and a second document.
 *
 * <p>snakeyaml-engine 3.2 has no nesting limit, and its Composer recurses once per level, so a
 * file of 10,000 {@code [} ends in a StackOverflowError. Its parser is iterative; counting depth
 * here, before the Composer sees an event, keeps that recursion short.
 */
final class GuardedParser implements Parser {
    private final Parser parser;
    private final int maxDepth;
    private int depth;
    private int documents;

    GuardedParser(Parser parser, int maxDepth) {
        this.parser = parser;
        this.maxDepth = maxDepth;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        switch (event.getEventId()) {
            case Alias -> throw new Refused(event, "aliases (*" + ((AliasEvent) event).getAlias()
                    + ") are not supported in config files; write the value out in full");
            case DocumentStart -> {
                if (++documents > 1) {
                    throw new Refused(event, "a second YAML document starts here; a config file holds exactly one"
                            + " (remove this '---' and what follows, or merge the two)");
                }
            }
            case MappingStart, SequenceStart -> {
                if (++depth > maxDepth) {
                    throw new Refused(event, "nesting goes deeper than " + maxDepth
                            + " levels here; no setting needs more than 4");
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> { }
        }
        return event;
    }

    /** The input was refused at a line; the message says why. */
    static final class Refused extends RuntimeException {
        private final int line;

        private Refused(Event event, String message) {
            super(message, null, false, false);
            this.line = event.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
        }

        int line() {
            return line;
        }
    }
}
