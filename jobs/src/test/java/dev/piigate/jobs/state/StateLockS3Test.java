package dev.piigate.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.s3test.FaultInjectingInterceptor;
import dev.piigate.jobs.s3test.FaultInjectingInterceptor.Fault;
import dev.piigate.jobs.s3test.S3Server;
import dev.piigate.jobs.state.StateLock.Timing;

import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@link StateLock} on the S3 server through S3A: locks created with {@code If-None-Match: *}, ages from
 * the server's modification times (whole seconds), a release S3A refuses or S3 answers with 403. Takes the lock the S3
 * classes take: their servers empty Hadoop's file system cache, which would close this class's S3A.
 */
@ResourceLock(SparkTestSession.LOCK)
class StateLockS3Test extends StateLockContractTest {
    private static final String BUCKET = "state";

    @RegisterExtension
    static final S3Server S3 = new S3Server(BUCKET);

    @AfterEach
    void clearFaults() {
        FaultInjectingInterceptor.clear();
    }

    @Override
    String state(String name) {
        return "s3a://" + BUCKET + "/" + name + "/state";
    }

    @Override
    Configuration conf() {
        Configuration conf = new Configuration();
        Map<String, String> s3a = S3.s3aSettings();
        s3a.forEach(conf::set);
        conf.set("fs.s3a.audit.execution.interceptors", FaultInjectingInterceptor.class.getName());
        return conf;
    }

    /** Last-modified times are whole seconds: a stale time of 2 s with a beat every 250 ms. */
    @Override
    Timing timing() {
        return new Timing(250, 2000);
    }

    /** Fewer rounds than locally: a round is some eighty requests to the server. */
    @Override
    int rounds() {
        return 2;
    }

    @Override
    long staleWait() {
        return timing().staleMillis() + 1200;
    }

    /** An object below the marker's key: S3A sees a directory there and refuses to create the file. */
    @Override
    void failReleases(String state) {
        S3.client().putObject(p -> p.bucket(BUCKET).key(state.substring(("s3a://" + BUCKET + "/").length()) + "/"
                + StateLock.LOCKS + "/" + StateLockFiles.releasedName(1) + "/blocker"), RequestBody.fromString("x"));
    }

    /**
     * The release's PUT answered with 403 (the injected answer replaces the server's, so the marker
     * landed all the same): close() does not throw, and the next run goes ahead.
     */
    @Test
    void aReleaseAnsweredWithAccessDeniedDoesNotThrow() throws Exception {
        String state = state("release-denied");
        StateLock lock = StateLock.acquire(state, conf(), "run-denied", timing());
        FaultInjectingInterceptor.failRequests("PUT", BUCKET, ".released", Fault.ACCESS_DENIED);
        lock.close();
        FaultInjectingInterceptor.clear();
        try (StateLock next = StateLock.acquire(state, conf(), "run-next", timing())) {
            assertThat(next.generation()).isEqualTo(2);
        }
    }
}
