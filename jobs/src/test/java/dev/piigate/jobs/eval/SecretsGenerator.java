package dev.piigate.jobs.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.piigate.jobs.eval.SecretValues.Item;
import dev.piigate.jobs.eval.TextBuilder.Planted;

/**
 * The credential half of the evaluation corpus: records written as source code, configuration,
 * shell, CI logs and chats, holding credentials, their masked forms and test values, placeholders
 * and look-alikes. It draws from its own {@link Random} (derived from the seed, not shared with
 * {@link CorpusGenerator}), so adding it leaves the older records byte-identical.
 *
 * <p>A label's kind is {@code <value form>@<context>}: {@code github.ghp@python},
 * {@code pkcs.ec.escaped@json}; key blocks written with {@code \n} escapes get {@code .escaped}.
 */
final class SecretsGenerator {
    /** Layouts (the record-level breakdown) and the contexts each is written in. */
    static final Map<String, List<String>> CONTEXTS = new LinkedHashMap<>();

    static {
        CONTEXTS.put("secrets-code", List.of("python", "js", "ts", "go", "java", "ruby", "csharp"));
        CONTEXTS.put("secrets-config", List.of("env", "k8s", "compose", "gha", "terraform", "json"));
        CONTEXTS.put("secrets-shell", List.of("export", "curl-header", "curl-u"));
        CONTEXTS.put("secrets-log", List.of("ci-log"));
        CONTEXTS.put("secrets-chat", List.of("chat"));
    }

    private final Random random;
    private final SecretValues v;
    private final String seed;

    SecretsGenerator(String seed) {
        this.seed = seed;
        // its own stream: the older generator's draws, and so its records, do not change
        this.random = new Random(CorpusGenerator.seedLong(seed) ^ 0x5EC2E75C0DEL);
        this.v = new SecretValues(random);
    }

    List<EvalRecord> generate(int count) {
        return Redraw.records(count, seed + "-s", this::attempt, IndependentSecrets::checkDecoy);
    }

    /** Why a record's truth could not be told (a look-alike inside an AWS secret's reach), or null. */
    static String ambiguous(EvalRecord r) {
        return Redraw.ambiguous(r, IndependentSecrets::checkDecoy);
    }

    private EvalRecord attempt(String id) {
        List<Item> plan = new ArrayList<>();
        double mode = random.nextDouble();
        if (mode < 0.6) {
            int n = v.between(1, 3);
            for (int i = 0; i < n; i++) {
                plan.add(v.unmasked(v.pick(IndependentSecrets.TYPES)));
            }
            if (v.chance(0.25)) {
                plan.add(maskedOrTest());
            }
        } else if (mode < 0.82) {
            int n = v.between(1, 2);
            for (int i = 0; i < n; i++) {
                plan.add(maskedOrTest());
            }
        }
        boolean aws = plan.stream().anyMatch(Item::aws);
        int decoys = v.between(1, 2);
        for (int i = 0; i < decoys; i++) {
            plan.add(v.chance(0.35) ? v.placeholder() : v.decoy(aws));
        }
        Collections.shuffle(plan, random);
        String layout = v.pick(new ArrayList<>(CONTEXTS.keySet()));
        String ctx = v.pick(CONTEXTS.get(layout));
        TextBuilder b = new TextBuilder();
        header(b, ctx);
        for (Item item : plan) {
            if (v.chance(0.5)) {
                b.add(filler(ctx));
            }
            write(b, ctx, item);
        }
        footer(b, ctx);
        return b.build(id, layout);
    }

    private Item maskedOrTest() {
        if (v.chance(0.6)) {
            return v.masked(v.pick(SecretValues.MASKED_TYPES));
        }
        return v.test(v.pick(SecretValues.TEST_TYPES));
    }

    // ------------------------------------------------------------ names

    static String upperSnake(String words) {
        return words.toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    static String snake(String words) {
        return words.toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    static String camel(String words) {
        String[] w = words.toLowerCase(Locale.ROOT).split(" ", -1);
        StringBuilder sb = new StringBuilder(w[0]);
        for (int i = 1; i < w.length; i++) {
            sb.append(Character.toUpperCase(w[i].charAt(0))).append(w[i].substring(1));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------ contexts

    private void header(TextBuilder b, String ctx) {
        b.add(switch (ctx) {
            case "python" -> "import os\nimport requests\n\n# " + v.pick("settings for the nightly sync", "local dev only",
                    "TODO move to vault") + "\n";
            case "js" -> "// config.js\nconst axios = require('axios');\n\n";
            case "ts" -> "import { Client } from './client';\n\n";
            case "go" -> "package config\n\nimport \"os\"\n\nfunc init() {\n";
            case "java" -> "package com.acme.config;\n\npublic final class Settings {\n";
            case "ruby" -> "require 'net/http'\n\n";
            case "csharp" -> "namespace Acme.Config;\n\npublic static class Settings\n{\n    public static void Load()\n    {\n";
            case "env" -> "# .env (" + v.pick("local", "staging", "prod") + ")\nNODE_ENV=production\nPORT=8080\n";
            case "k8s" -> "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\n  namespace: default\ntype: Opaque\n"
                    + "stringData:\n";
            case "compose" -> "version: \"3.8\"\nservices:\n  api:\n    image: acme/api:1.4.2\n    environment:\n";
            case "gha" -> "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
                    + "    env:\n";
            case "terraform" -> "terraform {\n  required_version = \">= 1.5\"\n}\n\n";
            case "json" -> "{\n  \"name\": \"acme-api\",\n";
            case "export", "curl-header", "curl-u" -> "#!/usr/bin/env bash\nset -euo pipefail\n\n";
            case "ci-log" -> "Run ./scripts/deploy.sh\n";
            default -> "";
        });
    }

    private void footer(TextBuilder b, String ctx) {
        b.add(switch (ctx) {
            case "python" -> "\nresp = requests.get(os.environ.get(\"API_URL\", \"http://localhost:8080\"))\n";
            case "go", "java" -> "}\n";
            case "csharp" -> "    }\n}\n";
            case "gha" -> "    steps:\n      - uses: actions/checkout@v4\n      - run: ./deploy.sh\n";
            case "json" -> "  \"region\": \"eu-west-1\"\n}\n";
            case "ci-log" -> "Deploy finished in " + v.between(3, 300) + "s\n";
            case "chat" -> v.pick("ok thanks!\n", "works now\n", "👍\n", "");
            default -> "";
        });
    }

    private String filler(String ctx) {
        return switch (ctx) {
            case "python" -> v.pick("TIMEOUT = 30\n", "# retry three times\n", "DEBUG = False\n");
            case "js", "ts" -> v.pick("const timeout = 30_000;\n", "// TODO: rotate\n", "let retries = 3;\n");
            case "go" -> v.pick("\ttimeout := 30\n", "\t// keep in sync with prod\n");
            case "java" -> v.pick("    private static final int TIMEOUT = 30;\n", "    // see ADR-12\n");
            case "ruby" -> v.pick("TIMEOUT = 30\n", "# staging values\n");
            case "csharp" -> v.pick("        var timeout = 30;\n", "        // loaded at startup\n");
            case "env" -> v.pick("LOG_LEVEL=info\n", "# rotate quarterly\n", "FEATURE_X=true\n");
            case "k8s" -> v.pick("  log-level: info\n", "  region: eu-west-1\n");
            case "compose", "gha" -> v.pick("      LOG_LEVEL: info\n", "      TZ: UTC\n");
            case "terraform" -> v.pick("# managed by platform team\n", "locals {\n  env = \"prod\"\n}\n");
            case "json" -> v.pick("  \"timeout\": 30,\n", "  \"debug\": false,\n");
            case "export", "curl-header", "curl-u" -> v.pick("echo \"deploying...\"\n", "# from the runbook\n");
            case "ci-log" -> logPrefix() + v.pick("Installing dependencies\n", "npm WARN deprecated inflight@1.0.6\n",
                    "Step 3/9 : RUN make build\n");
            default -> v.pick("sam: deploy is failing again\n", "lee: which env?\n", "sam: staging, see below\n");
        };
    }

    private String logPrefix() {
        return String.format(Locale.ROOT, "2024-%02d-%02dT%02d:%02d:%02d.%07dZ ", v.between(1, 12), v.between(1, 28),
                v.between(0, 23), v.between(0, 59), v.between(0, 59), v.between(0, 9_999_999));
    }

    /** Writes the parts; labelled ones get {@code @ctx} on their kind, and escaped or indented text when asked. */
    private void parts(TextBuilder b, Item item, String ctx, String lineBreak) {
        for (Object part : item.parts()) {
            if (part instanceof Planted p) {
                String text = lineBreak == null ? p.text() : p.text().replace("\n", lineBreak);
                String kind = p.type() == null ? p.kind()
                        : p.kind() + ("\\n".equals(lineBreak) ? ".escaped" : "") + "@" + ctx;
                b.plant(new Planted(p.type(), text, p.state(), kind));
            } else {
                b.add((String) part);
            }
        }
    }

    private void parts(TextBuilder b, Item item, String ctx) {
        parts(b, item, ctx, null);
    }

    private void write(TextBuilder b, String ctx, Item item) {
        if (item.block()) {
            block(b, ctx, item);
            return;
        }
        if (item.form().equals("basic.dict")) {
            if (dict(b, ctx, item)) {
                return;
            }
            item = headerLine(item); // a map is not how this context writes a header
        }
        String name = item.name();
        switch (ctx) {
            case "python" -> quoted(b, ctx, item, snake(name) + " = \"", "\"\n");
            case "js" -> quoted(b, ctx, item, "const " + camel(name) + " = '", "';\n");
            case "ts" -> quoted(b, ctx, item, "export const " + camel(name) + ": string = \"", "\";\n");
            case "go" -> {
                boolean setenv = v.chance(0.5);
                quoted(b, ctx, item, setenv ? "\tos.Setenv(\"" + upperSnake(name) + "\", \""
                        : "\t" + camel(name) + " := \"", setenv ? "\")\n" : "\"\n");
            }
            case "java" -> quoted(b, ctx, item, "    private static final String " + upperSnake(name) + " = \"", "\";\n");
            case "ruby" -> quoted(b, ctx, item, v.chance(0.5) ? upperSnake(name) + " = '"
                    : "ENV['" + upperSnake(name) + "'] ||= '", "'\n");
            case "csharp" -> quoted(b, ctx, item, "        var " + camel(name) + " = \"", "\";\n");
            case "env" -> quoted(b, ctx, item, upperSnake(name) + (v.chance(0.5) ? "=" : "=\""), null);
            case "k8s" -> quoted(b, ctx, item, "  " + snake(name).replace('_', '-') + ": \"", "\"\n");
            case "compose" -> quoted(b, ctx, item, v.chance(0.5) ? "      - " + upperSnake(name) + "="
                    : "      " + upperSnake(name) + ": \"", null);
            case "gha" -> quoted(b, ctx, item, "      " + upperSnake(name) + ": \"", "\"\n");
            case "terraform" -> terraform(b, ctx, item);
            case "json" -> quoted(b, ctx, item, "  \"" + camel(name) + "\": \"", "\",\n");
            case "export" -> shellExport(b, ctx, item);
            case "curl-header" -> curlHeader(b, ctx, item);
            case "curl-u" -> curlUser(b, ctx, item);
            case "ci-log" -> quoted(b, ctx, item, logPrefix() + v.pick("+ export " + upperSnake(name) + "=",
                    upperSnake(name) + "=", "Using " + upperSnake(name) + ": ", "[debug] env " + upperSnake(name) + "="), "\n");
            default -> chat(b, ctx, item);
        }
    }

    private static Item headerLine(Item dict) {
        Planted p = (Planted) dict.parts().get(1);
        return new Item("basic.header", List.of("Authorization: Basic ",
                new Planted(p.type(), p.text(), p.state(), "basic.header")), false, "auth header");
    }

    /** A value between two literals; a null close closes an unquoted or quoted env line as it was opened. */
    private void quoted(TextBuilder b, String ctx, Item item, String open, String close) {
        b.add(open);
        parts(b, item, ctx);
        b.add(close != null ? close : open.endsWith("\"") ? "\"\n" : "\n");
    }

    /** {"Authorization": "Basic ..."} where the context writes maps; false where it does not. */
    private boolean dict(TextBuilder b, String ctx, Item item) {
        switch (ctx) {
            case "python" -> quoted(b, ctx, item, "headers = {\"Authorization\": \"", "\"}\n");
            case "js", "ts" -> quoted(b, ctx, item, "const headers = { \"Authorization\": \"", "\" };\n");
            case "json" -> quoted(b, ctx, item, "  \"headers\": {\"Authorization\": \"", "\"},\n");
            case "k8s", "compose", "gha" -> quoted(b, ctx, item, "      Authorization: ", "\n");
            default -> {
                return false;
            }
        }
        return true;
    }

    private void terraform(TextBuilder b, String ctx, Item item) {
        if (item.aws()) { // the provider block, where an AWS pair is written in Terraform
            b.add("provider \"aws\" {\n  region     = \"us-east-1\"\n");
            for (Object part : item.parts()) {
                if (part instanceof Planted p) {
                    b.add(p.type().equals(IndependentSecrets.AWS_KEY_ID) ? "  access_key = \"" : "  secret_key = \"");
                    b.plant(new Planted(p.type(), p.text(), p.state(), p.kind() + "@" + ctx)).add("\"\n");
                }
            }
            b.add("}\n");
            return;
        }
        quoted(b, ctx, item, "variable \"" + snake(item.name()) + "\" {\n  sensitive = true\n  default   = \"", "\"\n}\n");
    }

    private void shellExport(TextBuilder b, String ctx, Item item) {
        if (item.form().startsWith("aws-secret") && item.parts().size() == 1 && v.chance(0.5)) {
            quoted(b, ctx, item, "aws configure set aws_secret_access_key ", "\n");
            return;
        }
        String quote = v.pick("", "'", "\"");
        quoted(b, ctx, item, "export " + upperSnake(item.name()) + "=" + quote, quote + "\n");
    }

    private boolean isToken(Item item) {
        return !item.decoy() && !item.form().startsWith("url") && !item.form().startsWith("basic") && !item.form().startsWith("placeholder.url")
                && !item.form().startsWith("placeholder.basic") && !item.aws();
    }

    private void curlHeader(TextBuilder b, String ctx, Item item) {
        if (item.form().startsWith("basic") || item.form().equals("placeholder.basic")) {
            quoted(b, ctx, item, "curl -sS -H '", "' https://" + v.pick("nexus.corp.lan/service/rest/v1/status",
                    "api.internal/health") + "\n");
        } else if (item.form().startsWith("url") || item.form().equals("placeholder.url")) {
            quoted(b, ctx, item, "curl -fsSL '", "'\n");
        } else if (isToken(item)) {
            quoted(b, ctx, item, "curl -sS -H '" + v.pick("Authorization: Bearer ", "Authorization: token ",
                    "PRIVATE-TOKEN: ", "X-Api-Key: ") + "", "' https://api." + v.pick("github.com/user", "acme.dev/v1/jobs",
                    "openai.com/v1/models") + "\n");
        } else {
            shellExport(b, ctx, item);
        }
    }

    private void curlUser(TextBuilder b, String ctx, Item item) {
        if (item.form().startsWith("stripe")) {
            quoted(b, ctx, item, "curl https://api.stripe.com/v1/charges -u ", ": -d amount=" + v.between(100, 9999) + "\n");
        } else if (item.form().startsWith("url") || item.form().equals("placeholder.url")) {
            quoted(b, ctx, item, "curl -s ", "\n");
        } else if (isToken(item)) {
            quoted(b, ctx, item, "curl -u " + v.pick("ci-bot:", "jane:", "deploy:") + "", " https://" + v.pick(
                    "api.github.com/user/repos", "registry.acme.dev/v2/_catalog", "gitlab.acme.dev/api/v4/projects") + "\n");
        } else {
            curlHeader(b, ctx, item);
        }
    }

    private void chat(TextBuilder b, String ctx, Item item) {
        String speaker = v.pick("sam", "lee", "priya", "tom", "ana") + ": ";
        String name = item.name().toLowerCase(Locale.ROOT);
        quoted(b, ctx, item, speaker + v.pick("here's my " + name + ": ", "the " + name + " is ", name + " = ",
                "try with this " + name + " "), v.pick("\n", " thanks\n", " (don't share)\n", " let me know if it works\n"));
    }

    /** A multi-line value in the context's own multi-line form. */
    private void block(TextBuilder b, String ctx, Item item) {
        String name = item.name();
        switch (ctx) {
            case "python" -> blockIn(b, ctx, item, snake(name) + " = \"\"\"", "\"\"\"\n", null);
            case "js", "ts" -> blockIn(b, ctx, item, "const " + camel(name) + " = `", "`;\n", null);
            case "go" -> blockIn(b, ctx, item, "\t" + camel(name) + " := `", "`\n", null);
            case "java" -> blockIn(b, ctx, item, "    private static final String " + upperSnake(name) + " = \"\"\"\n",
                    "\"\"\";\n", null);
            case "ruby" -> blockIn(b, ctx, item, upperSnake(name) + " = <<~KEY\n", "\nKEY\n", null);
            case "csharp" -> blockIn(b, ctx, item, "        var " + camel(name) + " = @\"", "\";\n", null);
            case "env" -> blockIn(b, ctx, item, upperSnake(name) + "=\"", "\"\n", "\\n");
            case "json" -> blockIn(b, ctx, item, "  \"" + camel(name) + "\": \"", "\",\n", "\\n");
            case "k8s" -> blockIn(b, ctx, item, "  " + snake(name).replace('_', '-') + ": |\n    ", "\n", "\n    ");
            case "compose", "gha" -> blockIn(b, ctx, item, "      " + upperSnake(name) + ": |\n        ", "\n", "\n        ");
            case "terraform" -> blockIn(b, ctx, item, "variable \"" + snake(name) + "\" {\n  default = <<EOF\n",
                    "\nEOF\n}\n", null);
            case "export", "curl-header", "curl-u" -> blockIn(b, ctx, item, "cat > ~/.ssh/id_deploy <<'EOF'\n",
                    "\nEOF\nchmod 600 ~/.ssh/id_deploy\n", null);
            case "ci-log" -> blockIn(b, ctx, item, logPrefix() + "+ cat " + v.pick("deploy_key.pem", "id_ed25519",
                    "signing.asc") + "\n", "\n", null);
            default -> blockIn(b, ctx, item, v.pick("sam", "lee", "priya") + ": here's the " + name + ":\n```\n", "\n```\n",
                    null);
        }
    }

    private void blockIn(TextBuilder b, String ctx, Item item, String open, String close, String lineBreak) {
        b.add(open);
        parts(b, item, ctx, lineBreak);
        b.add(close);
    }
}
