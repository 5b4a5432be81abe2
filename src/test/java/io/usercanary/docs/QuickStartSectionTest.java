package io.usercanary.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick start the README promises is two scripts that exist: the fast half of {@link QuickStartIT}. */
class QuickStartSectionTest {
    @Test
    void readmesQuickStartIsExactlyTheTwoScripts() throws Exception {
        assertEquals(List.of("scripts/demo", "scripts/test"), QuickStartSection.commands(ReadmeTest.readme()));
    }

    @Test
    void eachQuickStartCommandIsAnExecutableScriptOfTheRepository() throws Exception {
        for (String command : QuickStartSection.commands(ReadmeTest.readme())) {
            assertTrue(Files.isExecutable(Path.of(command)), command + " is an executable file");
        }
    }

    @Test
    void onlyTheFirstShBlockOfTheSectionCountsWithoutComments() {
        String readme = """
                # tool

                ## Quick start

                ```yaml
                not: this
                ```

                ```sh
                # a comment line
                scripts/one --flag   # what it does

                scripts/two
                ```

                ```sh
                scripts/three
                ```

                ## Next
                ```sh
                scripts/four
                ```
                """;
        assertEquals(List.of("scripts/one --flag", "scripts/two"), QuickStartSection.commands(readme));
    }

    @Test
    void aReadmeWithoutTheSectionIsAFailureThatSaysSo() {
        AssertionError error = assertThrows(AssertionError.class, () -> QuickStartSection.commands("# tool\n\n## Usage\n"));
        assertEquals("README.md has no '## Quick start' section", error.getMessage());
    }
}
