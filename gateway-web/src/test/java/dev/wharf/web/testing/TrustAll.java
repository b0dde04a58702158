package dev.wharf.web.testing;

import javax.net.ssl.X509TrustManager;
import java.security.cert.X509Certificate;

/** A trust manager for tests that inspect the presented certificate themselves (or do not care which it is). */
public final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
