package io.usercanary.docs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's {@code ## Quick start}: the command lines of its first {@code sh} block, comments dropped.
 * The single source of what the quick-start test runs, so the README and the test cannot drift apart.
 */
final class QuickStartSection {
    private static final Pattern SECTION = Pattern.compile("(?ms)^## Quick start\\n(.*?)(?=^## |\\z)");
    private static final Pattern SH_BLOCK = Pattern.compile("(?s)```sh\\n(.*?)```");

    private QuickStartSection() {}

    static List<String> commands(String readme) {
        Matcher section = SECTION.matcher(readme);
        if (!section.find()) {
            throw new AssertionError("README.md has no '## Quick start' section");
        }
        Matcher block = SH_BLOCK.matcher(section.group(1));
        if (!block.find()) {
            throw new AssertionError("README.md's quick start has no ```sh block");
        }
        return block.group(1).lines()
                .map(line -> line.replaceFirst("(^|\\s+)#.*$", "").strip())
                .filter(line -> !line.isEmpty())
                .toList();
    }
}
