package dev.sluice.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.localstack.child.ParentWatchdog;

/**
 * Builds the command line of a child JVM: the running JDK, a classpath recorded at build time by a
 * {@code *-runner} module ({@code META-INF/sluice/NAME.classpath}), and {@link ParentWatchdog} in
 * front of the real main class.
 */
final class JavaChild {
    private static final String M2_PLACEHOLDER = "$M2_REPO";

    private JavaChild() {}

    static List<String> command(String classpathName, Path argFile, List<String> jvmOptions, String mainClass, List<String> arguments) {
        String classpath = classpath(classpathName);
        try {
            Files.createDirectories(argFile.getParent());
            // An argument file keeps a classpath of hundreds of jars off the command line.
            Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalStackException("Cannot write " + argFile, e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(classDataSharing(classpathName, classpath));
        command.add("@" + argFile);
        command.add(ParentWatchdog.class.getName());
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /**
     * With {@code sluice.localstack.cds=true}, a dynamic CDS archive per server classpath and JDK,
     * created at the first clean exit and reused afterwards: Trino loads tens of thousands of
     * classes, and on 2 cores later starts drop from about 21 s to about 15 s. A stale or broken
     * archive is ignored by the JVM.
     */
    private static List<String> classDataSharing(String name, String classpath) {
        // Opt-in: the first start with a new classpath records the archive, which measured 44 s
        // instead of 21 s for the whole stack, and the first stop dumps it (up to 20 s).
        if (!LocalStackConfig.setting("sluice.localstack.cds").map("true"::equalsIgnoreCase).orElse(false)) {
            return List.of();
        }
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "sluice-local-stack", "cds");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            return List.of();
        }
        String key = Integer.toHexString((classpath + System.getProperty("java.vm.version")).hashCode());
        return List.of("-XX:SharedArchiveFile=" + directory.resolve(name + "-" + key + ".jsa"), "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    static String classpath(String name) {
        String resource = "META-INF/sluice/" + name + ".classpath";
        URL url = JavaChild.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new LocalStackException("Cannot find " + resource + " on the classpath: depend on sluice-" + name
                    + "-runner (see docs/local-stack.md) and build it with ./mvnw install -pl deploy/" + name + "-runner");
        }
        String recorded;
        try (InputStream in = url.openStream()) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new LocalStackException("Cannot read " + url, e);
        }
        String repository = localRepository().toString();
        List<String> entries = new ArrayList<>();
        entries.add(watchdogJar());
        entries.add(rootOf(url, resource));
        for (String entry : recorded.split(java.io.File.pathSeparator)) {
            String path = entry.replace(M2_PLACEHOLDER, repository);
            if (!Files.exists(Path.of(path))) {
                throw new LocalStackException("The " + name + " classpath names " + path + ", which does not exist. Build the runner "
                        + "with the same local Maven repository (./mvnw install -pl deploy/" + name + "-runner), or point "
                        + "-Dsluice.m2.repository at that repository");
            }
            entries.add(path);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * {@link ParentWatchdog} alone in a small jar: a classes directory on the classpath (as in a
     * reactor build) would stop the JVM from writing its class-data-sharing archive.
     */
    private static synchronized String watchdogJar() {
        String resource = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(resource)) {
            byte[] bytes = in.readAllBytes();
            Path jar = Path.of(System.getProperty("java.io.tmpdir"), "sluice-local-stack",
                    "watchdog-" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + ".jar");
            if (!Files.exists(jar)) {
                Files.createDirectories(jar.getParent());
                Path staging = Files.createTempFile(jar.getParent(), "watchdog-", ".tmp");
                try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(staging))) {
                    java.util.jar.JarEntry entry = new java.util.jar.JarEntry(resource);
                    entry.setTime(0);
                    out.putNextEntry(entry);
                    out.write(bytes);
                    out.closeEntry();
                }
                Files.move(staging, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return jar.toString();
        } catch (IOException | NullPointerException e) {
            return codeSource(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation());
        }
    }

    private static Path localRepository() {
        String configured = LocalStackConfig.setting("sluice.m2.repository").orElse(System.getProperty("maven.repo.local"));
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String rootOf(URL url, String resource) {
        String text = url.toString();
        if (text.startsWith("jar:")) {
            return codeSourceOf(URI.create(text.substring("jar:".length(), text.indexOf("!/"))));
        }
        return codeSourceOf(URI.create(text.substring(0, text.length() - resource.length())));
    }

    private static String codeSource(URL location) {
        try {
            return codeSourceOf(location.toURI());
        } catch (URISyntaxException e) {
            throw new LocalStackException("Cannot locate " + location, e);
        }
    }

    private static String codeSourceOf(URI uri) {
        return Path.of(uri).toString();
    }
}
