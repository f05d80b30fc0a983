package dev.gantry.discovery;

/** The live colour of a service and discovery's record of it ({@link Discovery#allLive()}). */
public record LiveColour(Colour colour, ColourRecord record) {
}
