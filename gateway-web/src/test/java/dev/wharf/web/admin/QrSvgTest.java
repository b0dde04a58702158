package dev.wharf.web.admin;

import io.nayuki.qrcodegen.QrCode;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrSvgTest {
    @Test
    void oneSquarePerDarkModuleInsideTheQuietZoneWithAnAccessibleName() {
        String uri = "otpauth://totp/demo:kim?secret=JBSWY3DPEHPK3PXP&issuer=demo";
        String svg = QrSvg.of(uri, "QR code for \"kim\" <demo>");
        QrCode qr = QrCode.encodeText(uri, QrCode.Ecc.MEDIUM);
        int dark = 0;
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                dark += qr.getModule(x, y) ? 1 : 0;
            }
        }
        Matcher squares = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
        int count = 0;
        while (squares.find()) {
            count++;
            int x = Integer.parseInt(squares.group(1));
            int y = Integer.parseInt(squares.group(2));
            assertTrue(x >= QrSvg.MARGIN && y >= QrSvg.MARGIN && x < qr.size + QrSvg.MARGIN
                    && y < qr.size + QrSvg.MARGIN, "inside the quiet zone: " + x + "," + y);
        }
        assertEquals(dark, count);
        int size = qr.size + 2 * QrSvg.MARGIN;
        assertTrue(svg.contains("viewBox=\"0 0 " + size + " " + size + "\""), svg);
        assertTrue(svg.contains("role=\"img\" aria-label=\"QR code for &quot;kim&quot; &lt;demo&gt;\""), svg);
        assertTrue(!svg.contains("style="), "no style attribute: the CSP forbids inline style");
    }
}
