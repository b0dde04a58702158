package dev.wharf.cli.qr;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as terminal text with Unicode half blocks: each character is two modules stacked (upper and lower
 * half), so the code keeps its square shape with the usual 1:2 character cells.
 */
public final class TerminalQr {
    /** Quiet zone in modules on each side (the standard asks for 4; 2 scans fine from a screen and saves room). */
    public static final int MARGIN = 2;

    private static final char BOTH = '\u2588';
    private static final char UPPER = '\u2580';
    private static final char LOWER = '\u2584';
    private static final char NEITHER = ' ';

    private TerminalQr() {
    }

    /** Encodes {@code text} (medium error correction). */
    public static QrCode encode(String text) {
        return QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    }

    /**
     * Draws {@code qr}. Terminals draw characters in the foreground colour, light on dark by default, so the
     * light modules (and the quiet zone) are the ones drawn; {@code darkOnLight} draws the dark ones instead, for
     * terminals with a light background.
     */
    public static String render(QrCode qr, boolean darkOnLight) {
        int size = qr.size + 2 * MARGIN;
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < size; y += 2) {
            for (int x = 0; x < size; x++) {
                boolean top = drawn(qr, x - MARGIN, y - MARGIN, darkOnLight);
                boolean bottom = y + 1 < size && drawn(qr, x - MARGIN, y + 1 - MARGIN, darkOnLight);
                out.append(top ? (bottom ? BOTH : UPPER) : (bottom ? LOWER : NEITHER));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean drawn(QrCode qr, int x, int y, boolean darkOnLight) {
        boolean dark = qr.getModule(x, y); // false outside the code: the quiet zone is light
        return darkOnLight == dark;
    }
}
