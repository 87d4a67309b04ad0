package dev.piigate.jobs.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.apache.hadoop.util.ReflectionUtils;

/** Writes real files for the reader tests and opens Hadoop's local file system on them. */
final class TestFiles {
    /** Planted in test data to prove no detail or message ever carries content. */
    static final String PLANTED = "PLANTED-7f3a9c-unique";

    static final ReadLimits SMALL = new ReadLimits(1024, 4096, 20_000, 8);

    private TestFiles() {
    }

    static Configuration conf() {
        return new Configuration();
    }

    static FileSystem localFs() {
        try {
            return FileSystem.getLocal(conf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(java.nio.file.Path dir, String name, byte[] bytes) {
        try {
            java.nio.file.Path file = dir.resolve(name);
            Files.write(file, bytes);
            return new Path(file.toUri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(java.nio.file.Path dir, String name, String text) {
        return write(dir, name, utf8(text));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] bzip2(byte[] bytes) {
        BZip2Codec codec = ReflectionUtils.newInstance(BZip2Codec.class, conf());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CompressionOutputStream bz = codec.createOutputStream(out)) {
            bz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static byte[] cut(byte[] bytes, int keep) {
        return Arrays.copyOf(bytes, keep);
    }
}
