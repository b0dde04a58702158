package dev.wharf.web.admin;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as inline SVG: one path of unit squares on a white quiet zone. Inline, so the page's CSP needs no image
 * source and the secret in the code never becomes a URL; attributes only (no {@code style}), which the CSP forbids.
 */
final class QrSvg {
    /** Quiet zone in modules on each side, as the standard asks. */
    static final int MARGIN = 4;

    private QrSvg() {
    }

    /** The SVG of {@code text} (medium error correction), with {@code label} as its accessible name. */
    static String of(String text, String label) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + 2 * MARGIN;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + MARGIN).append(',').append(y + MARGIN).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" width=\"240\" height=\"240\" role=\"img\" aria-label=\"" + escape(label)
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
