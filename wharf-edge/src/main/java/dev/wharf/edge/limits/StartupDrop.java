package dev.wharf.edge.limits;

import java.util.random.RandomGenerator;

/**
 * OpenSSH's MaxStartups {@code start:rate:full} for connections still logging in: below {@code start} every
 * connection is let in; from {@code start} on a new one is dropped with probability {@code rate}% rising linearly
 * to 100% at {@code full}; at {@code full} and beyond every new one is dropped. A few addresses flooding the
 * login stage then cannot shut everyone else out at a hard edge: the next legitimate client still gets in with
 * some probability. {@code start >= full} is a hard cap at {@code full}; {@code full = 0} is no cap.
 *
 * @param start connections logging in from which dropping begins
 * @param rate  drop probability in percent at {@code start} (0-100)
 * @param full  connections logging in at which every new one is dropped; 0 = unlimited
 */
public record StartupDrop(int start, int rate, int full) {
    public StartupDrop {
        if (start < 0 || full < 0 || rate < 0 || rate > 100) {
            throw new IllegalArgumentException("startups early drop must be start:rate:full with start, full >= 0"
                    + " and rate 0-100: " + start + ":" + rate + ":" + full);
        }
    }

    /** No cap at all. */
    public static final StartupDrop UNLIMITED = new StartupDrop(0, 0, 0);

    /**
     * The cap {@code full} (a gateway's {@code max-startups} key) with early drop {@code "start:rate"} (its
     * {@code startups-early-drop} key); a blank {@code earlyDrop} makes {@code full} a hard cap.
     */
    public static StartupDrop parse(int full, String earlyDrop, String key) {
        if (earlyDrop == null || earlyDrop.isBlank()) {
            return new StartupDrop(full, 100, full);
        }
        String[] parts = earlyDrop.strip().split(":", -1);
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return new StartupDrop(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()), full);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected start:rate (e.g. 10:30), got '" + earlyDrop + "'");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** Whether a new connection is dropped when {@code current} connections (itself excluded) are logging in. */
    public boolean drops(int current, RandomGenerator random) {
        if (full <= 0) {
            return false;
        }
        if (current >= full) {
            return true;
        }
        if (current < start) {
            return false;
        }
        // OpenSSH's should_drop_connection(): rate% at start, rising linearly to 100% at full
        int p = rate + (100 - rate) * (current - start) / (full - start);
        return random.nextInt(100) < p;
    }
}
