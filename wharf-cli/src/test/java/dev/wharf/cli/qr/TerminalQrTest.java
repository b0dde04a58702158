package dev.wharf.cli.qr;

import io.nayuki.qrcodegen.QrCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalQrTest {
    private static final String URI = "otpauth://totp/Wharf%20acme:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            + "&issuer=Wharf%20acme&algorithm=SHA1&digits=6&period=30";

    @Test
    void twoModulesPerCharacterWithAQuietZone() {
        QrCode qr = TerminalQr.encode(URI);
        List<String> lines = TerminalQr.render(qr, false).lines().toList();
        int size = qr.size + 2 * TerminalQr.MARGIN;
        assertEquals((size + 1) / 2, lines.size(), "rows: two modules per line");
        lines.forEach(l -> assertEquals(size, l.length(), "columns: one module per character"));
        assertTrue(qr.size >= 21 && (qr.size - 17) % 4 == 0, "a valid QR size: " + qr.size);
    }

    @Test
    void theThreeFinderPatternsAreWhereAScannerLooks() {
        for (boolean darkOnLight : new boolean[] {false, true}) {
            QrCode qr = TerminalQr.encode(URI);
            boolean[][] dark = decodeBlocks(TerminalQr.render(qr, darkOnLight), darkOnLight);
            int m = TerminalQr.MARGIN;
            assertFinder(dark, m, m);
            assertFinder(dark, m + qr.size - 7, m);
            assertFinder(dark, m, m + qr.size - 7);
            // the quiet zone is light all round
            for (int i = 0; i < qr.size + 2 * m; i++) {
                assertTrue(!dark[0][i] && !dark[i][0] && !dark[m - 1][i] && !dark[i][m - 1], "quiet zone at " + i);
            }
            // and the bottom-right corner has no finder pattern
            int c = m + qr.size - 7;
            assertTrue(!isFinder(dark, c, c), "no finder pattern at the bottom right");
        }
    }

    /** Reads the drawn text back into modules: [y][x], true = dark. */
    private static boolean[][] decodeBlocks(String text, boolean darkOnLight) {
        List<String> lines = text.lines().toList();
        int width = lines.getFirst().length();
        boolean[][] grid = new boolean[lines.size() * 2][width];
        for (int row = 0; row < lines.size(); row++) {
            for (int x = 0; x < width; x++) {
                char ch = lines.get(row).charAt(x);
                boolean top = ch == '\u2588' || ch == '\u2580';
                boolean bottom = ch == '\u2588' || ch == '\u2584';
                assertTrue(ch == ' ' || top || bottom, "only half blocks and spaces: " + (int) ch);
                grid[2 * row][x] = top == darkOnLight;
                grid[2 * row + 1][x] = bottom == darkOnLight;
            }
        }
        return grid;
    }

    private static void assertFinder(boolean[][] dark, int x0, int y0) {
        assertTrue(isFinder(dark, x0, y0), "finder pattern at " + x0 + "," + y0);
    }

    /** 7x7: dark ring, light ring, dark 3x3 centre. */
    private static boolean isFinder(boolean[][] dark, int x0, int y0) {
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 7; x++) {
                int ring = Math.min(Math.min(x, y), Math.min(6 - x, 6 - y));
                boolean expected = ring != 1;
                if (dark[y0 + y][x0 + x] != expected) {
                    return false;
                }
            }
        }
        return true;
    }
}
