package dev.gantry.ui;

import java.util.List;

/**
 * A stage's logs page: which stage ({@code stage}, its {@code state}) of which run ({@code run}, its page
 * {@code runHref}, its {@code service}); {@code note} saying how many lines were left out (else empty), {@code cut}
 * what the stage's own limits cut of its output (else empty); the last {@code lines}, and how many the page keeps while
 * it follows ({@code keepLines}); where the whole log downloads from (null until it is stored), and where its new lines
 * come from (null unless this server runs the run and the stage has not ended).
 */
public record LogsView(Frame frame, String stage, String run, String runHref, String service, String state,
                       String note, String cut, List<String> lines, int keepLines, String downloadHref,
                       String eventsHref) {
}
