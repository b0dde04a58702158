package dev.wharf.web.admin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccessFormTest {
    @Test
    void rulesAndSharedFoldersShowOneALineAndReadBackWhole() {
        AccessForm shown = AccessForm.of(List.of("upload-only /", "read-only /archive"), null);
        assertEquals("upload-only /\nread-only /archive", shown.folderRules());
        assertEquals("", shown.sharedFolders(), "none: an empty field");
        assertEquals(List.of(), shown.shared());

        AdminClient.FolderAccess typed = AccessForm.typed(shown.folderRules() + "\r\n\r\n",
                " finance no-delete /shared/finance \n");
        assertEquals(List.of("upload-only /", "read-only /archive"), typed.folderRules(), "what was shown saves back");
        assertEquals(List.of("finance no-delete /shared/finance"), typed.sharedFolders());
    }

    @Test
    void anEmptyFieldClearsItsList() {
        AdminClient.FolderAccess typed = AccessForm.typed("", null);
        assertEquals(List.of(), typed.folderRules(), "[] removes the rules; null would keep them");
        assertEquals(List.of(), typed.sharedFolders());
    }
}
