package io.strand.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the repository's {@code examples/} and runs each against an in-process broker. */
@Timeout(120)
class ExamplesIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path classes;

    @Test
    void examplesCompileAndRun() throws Exception {
        Path examples = Path.of(System.getProperty("basedir", ".")).resolve("../examples").normalize();
        List<Path> sources;
        try (var files = Files.list(examples)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertEquals(2, sources.size(), "examples in " + examples);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        sources.forEach(s -> args.add(s.toString()));
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "examples compile");

        try (TestBroker broker = TestBroker.start(dataDir);
             URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            String first = runMain(loader, "PublishAndSubscribe", broker.address());
            assertTrue(first.contains("received 'bonjour' at offset 2"), first);
            String second = runMain(loader, "PublishAndSubscribe", broker.address());
            assertTrue(second.contains("received 'bonjour' at offset 5") && !second.contains("at offset 2\nreceived"), second);
            assertEquals(3, second.lines().filter(l -> l.startsWith("received")).count(), "the second run resumes: " + second);
            String push = runMain(loader, "PushReceiverExample", broker.address());
            assertEquals(3, push.lines().filter(l -> l.startsWith("pushed to me")).count(), push);
        }
    }

    /** Runs {@code main} with System.out captured (the examples print there; this test runs them one at a time). */
    private static String runMain(ClassLoader loader, String className, String broker) throws Exception {
        Method main = loader.loadClass(className).getMethod("main", String[].class);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) new String[] {broker});
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
