package dev.sluice.architecture;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server modules under {@code deploy/*-runner} have no parent (the root's imported BOMs would
 * rewrite the servers' own dependency versions), so they repeat some of the root's version
 * properties and plugin versions. This test keeps every repeated value equal to the root's, so a
 * version is still decided in one place: change the root, and this test names the pom to follow.
 */
class ServerPomVersionsTest {

    private static final Path ROOT = locateRoot();

    @Test
    void serverModulesRepeatTheRootsVersionsExactly() throws Exception {
        Map<String, String> root = properties(ROOT.resolve("pom.xml"));
        List<Path> runners;
        try (Stream<Path> dirs = Files.list(ROOT.resolve("deploy"))) {
            runners = dirs.filter(d -> d.getFileName().toString().endsWith("-runner"))
                    .map(d -> d.resolve("pom.xml")).filter(Files::exists).sorted().toList();
        }
        assertThat(runners).as("server modules under deploy/").isNotEmpty();

        for (Path runner : runners) {
            Map<String, String> own = properties(runner);
            own.forEach((name, value) -> {
                if (name.endsWith(".version") && root.containsKey(name)) {
                    assertThat(value)
                            .as("%s in %s must equal the root pom's pin", name, ROOT.relativize(runner))
                            .isEqualTo(root.get(name));
                }
            });
            assertThat(own.keySet().stream().filter(root::containsKey).filter(n -> n.endsWith(".version")))
                    .as("%s shares version properties with the root", ROOT.relativize(runner))
                    .isNotEmpty();
        }
    }

    private static Map<String, String> properties(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(pom.toFile());
        Map<String, String> out = new LinkedHashMap<>();
        NodeList blocks = doc.getDocumentElement().getElementsByTagName("properties");
        for (int b = 0; b < blocks.getLength(); b++) {
            Node block = blocks.item(b);
            if (block.getParentNode() != doc.getDocumentElement()) {
                continue; // only project-level properties, not those of profiles
            }
            NodeList children = block.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e) {
                    out.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        }
        return out;
    }

    private static Path locateRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a folder with mvnw) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
