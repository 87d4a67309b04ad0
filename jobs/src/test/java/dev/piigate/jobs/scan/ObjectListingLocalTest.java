package dev.piigate.jobs.scan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local listing walks folders itself (Hadoop's {@code listFiles} runs a process per local file
 * to read its permissions): it must list what {@code listFiles(dir, true)} lists, in its order.
 */
class ObjectListingLocalTest {
    @TempDir
    Path tmp;

    @Test
    void aLocalFolderIsListedAsListFilesListsIt() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("data"));
        for (String f : List.of("b.jsonl", "a/1.csv", "a/deep/er/x.txt", "a/.hidden", "_SUCCESS", "c/.part.crc",
                "c/part-0.parquet", "z.gz", "a/deep/y.json", "empty/")) {
            Path p = root.resolve(f);
            if (f.endsWith("/")) {
                Files.createDirectories(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.writeString(p, "x".repeat(f.length()), UTF_8);
            }
        }
        Files.createDirectories(root.resolve("d/e/f")); // folders holding only folders
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root.toUri());
        FileSystem fs = dir.getFileSystem(new Configuration());

        List<String> expected = new ArrayList<>();
        for (RemoteIterator<? extends FileStatus> it = fs.listFiles(dir, true); it.hasNext();) {
            FileStatus f = it.next();
            expected.add(f.getPath() + " " + f.getLen());
        }
        List<String> listed = new ArrayList<>();
        for (RemoteIterator<? extends FileStatus> it = ObjectListing.files(fs, dir); it.hasNext();) {
            FileStatus f = it.next();
            listed.add(f.getPath() + " " + f.getLen());
        }

        assertThat(expected).hasSize(8); // the .crc file is hidden by the local file system, as by listFiles
        assertThat(listed).isEqualTo(expected);
    }
}
