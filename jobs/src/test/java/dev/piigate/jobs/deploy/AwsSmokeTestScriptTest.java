package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code scripts/aws-smoke-test} cannot run here (it needs an AWS account): what can be checked is
 * that bash parses it, that it answers --help and refuses an unknown argument, and that every stack
 * parameter and output it reads is one the template defines.
 */
class AwsSmokeTestScriptTest {
    private static Path script() {
        return Deployment.repository().resolve("scripts/aws-smoke-test");
    }

    private static int bash(List<String> args, StringBuilder out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        out.append(new String(p.getInputStream().readAllBytes(), UTF_8));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void bashParsesItAndItAnswersHelpAndRefusesUnknownArguments() throws Exception {
        StringBuilder out = new StringBuilder();
        assertThat(bash(List.of("-n", script().toString()), out)).as(out.toString()).isZero();
        out.setLength(0);
        assertThat(bash(List.of(script().toString(), "--help"), out)).isZero();
        assertThat(out.toString()).contains("scripts/aws-smoke-test --stack NAME");
        out.setLength(0);
        assertThat(bash(List.of(script().toString(), "--bogus"), out)).isEqualTo(64);
        assertThat(out.toString()).contains("unknown argument --bogus");
    }

    @Test
    void everyStackParameterAndOutputItReadsIsTheTemplates() throws IOException {
        String text = Files.readString(script(), UTF_8);
        Map<String, Object> template = CloudFormationSpec.map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(CloudFormationTemplateTest.templateFile(), UTF_8)));
        List<String> read = new ArrayList<>();
        Matcher m = Pattern.compile("\\$\\((param|output) (\\w+)\\)").matcher(text);
        while (m.find()) {
            String section = m.group(1).equals("param") ? "Parameters" : "Outputs";
            assertThat(CloudFormationSpec.map(template.get(section))).as(section).containsKey(m.group(2));
            read.add(m.group(2));
        }
        assertThat(read).contains("DatasetBucketName", "DatasetPrefix", "EmrClusterId", "TrainingRoleName",
                "StateMachineArn");
    }
}
