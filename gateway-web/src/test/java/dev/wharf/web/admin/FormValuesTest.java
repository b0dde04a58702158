package dev.wharf.web.admin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormValuesTest {
    @Test
    void listsAreTypedOneALineOrWithCommasAndBlankClears() {
        assertEquals(List.of("10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32"),
                FormValues.list(" 10.0.0.0/8,192.0.2.0/24\r\n\n2001:db8::/32 10.0.0.0/8"));
        assertEquals(List.of(), FormValues.list("  \n "));
        assertEquals(List.of(), FormValues.list(null));
        assertEquals(List.of("NO", "SE"), FormValues.countries("no, se"));
    }

    @Test
    void onlyKnownProtocolsInTheirOrderAndCheckboxes() {
        assertEquals(List.of("ftp", "ftps", "sftp", "https"), FormValues.PROTOCOLS);
        assertEquals(List.of("sftp", "https"), FormValues.protocols(List.of("https", "telnet", "sftp")));
        assertEquals(List.of(), FormValues.protocols(null));
        assertTrue(FormValues.checked("on"));
        assertFalse(FormValues.checked(null));
        assertEquals("a\nb", FormValues.lines(List.of("a", "b")));
        assertEquals("", FormValues.lines(null));
    }

    @Test
    void entriesOneALineKeepTheirSpaces() {
        assertEquals(List.of("upload-only /inbox", "finance no-delete /shared/finance"),
                FormValues.lineList("  upload-only /inbox\r\n\n finance no-delete /shared/finance \n"));
        assertEquals(List.of("finance 1000 -", "hr - 20"), FormValues.lineList("finance 1000 -\r\n\n  hr - 20 "));
        assertEquals(List.of(), FormValues.lineList(" \n "));
        assertEquals(List.of(), FormValues.lineList(null));
    }

    @Test
    void onlyKnownSecondFactorExemptionsInTheirOrder() {
        assertEquals(List.of("api-keys", "ssh-keys"), FormValues.exemptions(List.of("ssh-keys", "passwords", "api-keys")));
        assertEquals(List.of(), FormValues.exemptions(null));
    }
}
