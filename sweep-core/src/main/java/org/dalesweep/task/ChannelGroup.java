package org.dalesweep.task;

/** A contiguous range {@code [from, to)} of a task's input channels that a plot draws in one panel. */
public record ChannelGroup(String title, int from, int to) {

    public ChannelGroup {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("channel group needs a title");
        }
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("channel group " + title + ": range [" + from + ", " + to + ") is empty or negative");
        }
    }

    public int size() {
        return to - from;
    }
}
