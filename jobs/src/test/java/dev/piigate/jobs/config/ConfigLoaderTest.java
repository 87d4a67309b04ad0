package dev.piigate.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.TextScanner;
import dev.piigate.detectors.redaction.Redactor;

class ConfigLoaderTest {

    @Test
    void defaultsAreZeroToleranceUsPhonesAllDetectors() {
        Config c = ConfigLoader.defaults();
        assertThat(c.policy().overall().maxUnmaskedRecords()).isZero();
        assertThat(c.policy().testValuesCountAsUnmasked()).isFalse();
        assertThat(c.detectors().phoneRegions()).containsExactly("US");
        assertThat(c.detectors().enabled()).isEmpty();
        assertThat(c.approvedSuffix()).isEqualTo("approved");
    }

    @Test
    void fullConfigIsRead() {
        Config c = ConfigLoader.parse("""
                detectors:
                  phoneRegions: [US, GB]
                  keywordDistance: 40
                  allowList:
                    values: ["4539 1488 0343 6467"]
                    regexes: ["TEST-[0-9]{4}"]
                  customIdentifiers:
                    - name: employee-id
                      regex: "EMP-[0-9]{6}"
                      keywords: [employee]
                policy:
                  maxUnmaskedRecords: 10
                  maxUnmaskedFraction: 0.001
                  perType:
                    CREDIT_CARD_NUMBER: {maxUnmaskedRecords: 0}
                    PHONE_NUMBER: {maxUnmaskedFraction: 0.01}
                  tolerate: [PARTIAL/TRUNCATED]
                limits:
                  documentTimeoutSeconds: 30
                report:
                  sampleSize: 5
                manifest:
                  approvedSuffix: ok
                macie:
                  onMacieOnly: block
                """, "test.yaml");
        assertThat(c.detectors().phoneRegions()).containsExactly("US", "GB");
        assertThat(c.detectors().keywordDistance()).isEqualTo(40);
        assertThat(c.detectors().allowList().allows("4539-1488-0343-6467")).isTrue();
        assertThat(c.detectors().allowList().allows("TEST-1234")).isTrue();
        assertThat(c.detectors().customIdentifiers()).singleElement()
                .satisfies(ci -> assertThat(ci.type().name()).isEqualTo("EMPLOYEE_ID"));
        assertThat(c.policy().overall()).isEqualTo(new Threshold(10L, 0.001));
        assertThat(c.policy().perType()).containsEntry("PHONE_NUMBER", new Threshold(null, 0.01));
        assertThat(c.policy().tolerates("PARTIAL", "TRUNCATED")).isTrue();
        assertThat(c.policy().tolerates("PARTIAL", "CORRUPT")).isFalse();
        assertThat(c.limits().documentTimeoutMs()).isEqualTo(30_000);
        assertThat(c.sampleSize()).isEqualTo(5);
        assertThat(c.approvedSuffix()).isEqualTo("ok");
        assertThat(c.macie().onMacieOnly()).isEqualTo("block");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "policy:\\n  maxUnmaskedRecord: 0|policy.maxUnmaskedRecord: unknown key",
        "polcy:\\n  maxUnmaskedRecords: 0|polcy: unknown key",
        "policy:\\n  maxUnmaskedRecords: -1|policy.maxUnmaskedRecords: -1 is outside",
        "policy:\\n  maxUnmaskedRecords: lots|policy.maxUnmaskedRecords: expected a whole number",
        "policy:\\n  maxUnmaskedFraction: 1.5|policy.maxUnmaskedFraction: 1.5 is outside 0-1",
        "policy:\\n  perType:\\n    credit card: {maxUnmaskedRecords: 0}|policy.perType.credit card",
        "policy:\\n  perType:\\n    CREDIT_CARD: {maxUnmaskedRecords: 0}|policy.perType.CREDIT_CARD: no enabled detector reports CREDIT_CARD; types the enabled detectors report: AWS_ACCESS_KEY_ID, AWS_CREDENTIALS, BRAZIL_CPF_NUMBER, CANADA_SOCIAL_INSURANCE_NUMBER, CREDIT_CARD_NUMBER, DATE_OF_BIRTH",
        "detectors:\\n  enabled: [card_luhn_v2]\\npolicy:\\n  perType:\\n    IBAN: {maxUnmaskedRecords: 0}|policy.perType.IBAN: no enabled detector reports IBAN (reported by iban_mod97_v2, redaction_token_v3: add to detectors.enabled); types the enabled detectors report: CREDIT_CARD_NUMBER",
        "policy:\\n  tolerate: [PARTIAL/BORED]|policy.tolerate: 'PARTIAL/BORED' is not STATUS or STATUS/REASON",
        "policy:\\n  tolerate: [COMPLETE]|policy.tolerate: 'COMPLETE'",
        "detectors:\\n  enabled: [card_v9]|unknown detector id 'card_v9'; known ids: card_luhn_v2",
        "detectors:\\n  enabled: [card_luhn_v1]|detector id 'card_luhn_v1' was replaced by 'card_luhn_v2'",
        "detectors:\\n  allowList:\\n    regexes: ['(a)\\1']|detectors.allowList.regexes[0]: backreferences",
        "detectors:\\n  allowList:\\n    regexes: ['([a-z]']|detectors.allowList.regexes[0]: invalid regular expression",
        "detectors:\\n  customIdentifiers:\\n    - name: x|detectors.customIdentifiers[0].regex: required",
        "detectors:\\n  keywordDistance: 1000|detectors.keywordDistance: 1000 is outside 0-300",
        "macie:\\n  onMacieOnly: sometimes|macie.onMacieOnly: 'sometimes' is not one of count, block, report",
        "manifest:\\n  approvedSuffix: 'a/b'|manifest.approvedSuffix: must be",
        "approval:\\n  tagObjects: maybe|approval.tagObjects: 'maybe' is not one of auto, true, false",
        "approval:\\n  tagObjects: 1|approval.tagObjects: expected a string or true/false",
        "approval:\\n  tagObject: true|approval.tagObject: unknown key",
        "limits:\\n  splitBytes: 1000|limits.splitBytes: 1000 is outside 1048576-",
        "limits:\\n  splitBytes: 1GB|limits.splitBytes: expected a whole number",
        "redaction:\\n  style: blur|redaction.style: 'blur' is not a redaction style: type, mask or hash",
        "redaction:\\n  perType:\\n    credit card: hash|redaction.perType.credit card",
        "redaction:\\n  perType:\\n    EMAIL_ADDRESS: blur|redaction.perType.EMAIL_ADDRESS: 'blur' is not a redaction style",
        "redaction:\\n  dropRecordsOver: -2|redaction.dropRecordsOver: -2 is outside",
        "redaction:\\n  allowDropped: maybe|redaction.allowDropped",
        "redaction:\\n  stile: type|redaction.stile: unknown key",
        "- a list|must be a YAML mapping",
        "policy: {maxUnmaskedRecords: 1, maxUnmaskedRecords: 2}|not valid YAML",
    })
    void badConfigNamesTheKey(String yaml, String expected) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml.replace("\\n", "\n"), "bad.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "# nothing set|AUTO",
        "approval:\\n  tagObjects: auto|AUTO",
        "approval:\\n  tagObjects: true|TRUE",
        "approval:\\n  tagObjects: false|FALSE",
        "approval:\\n  tagObjects: 'false'|FALSE",
    })
    void approvalTagObjectsTakesAutoTrueOrFalse(String yaml, ApprovalTagging expected) {
        assertThat(ConfigLoader.parse(yaml.replace("\\n", "\n"), "test.yaml").tagObjects()).isEqualTo(expected);
    }

    @Test
    void redactionDefaultsToTypeTokensAndIsSetPerType() {
        assertThat(ConfigLoader.defaults().redaction()).isEqualTo(RedactionSettings.DEFAULTS);
        RedactionSettings r = ConfigLoader.parse("redaction:\n  style: mask\n  perType:\n    EMAIL_ADDRESS: hash\n"
                + "  dropRecordsOver: 20\n  allowDropped: true\n", "test.yaml").redaction();
        assertThat(r.style()).isEqualTo(Redactor.Style.MASK);
        assertThat(r.perType()).containsExactly(java.util.Map.entry(EntityType.EMAIL_ADDRESS, Redactor.Style.HASH));
        assertThat(r.dropRecordsOver()).isEqualTo(20);
        assertThat(r.allowDropped()).isTrue();
        assertThat(r.usesHash()).isTrue();
    }

    @Test
    void splitBytesDefaultsTo128MiBAndIsSet() {
        assertThat(ConfigLoader.defaults().limits().splitBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(ConfigLoader.parse("limits:\n  splitBytes: 1048576\n", "test.yaml").limits().splitBytes())
                .isEqualTo(1024 * 1024);
    }

    @Test
    void badPhoneRegionIsRejectedWithAHint() {
        assertThatThrownBy(() -> ConfigLoader.parse("detectors:\n  phoneRegions: [UK]\n", "bad.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("UK");
    }

    @Test
    void yamlTextRoundTripsToTheSameConfig() {
        String yaml = "policy:\n  maxUnmaskedRecords: 3\n";
        Config a = ConfigLoader.parse(yaml, "a");
        Config b = ConfigLoader.parse(a.yaml(), "b");
        assertThat(b.policy()).isEqualTo(a.policy());
        assertThat(List.of(a.limits(), a.sampleSize())).isEqualTo(List.of(b.limits(), b.sampleSize()));
    }

    // ---------------------------------------------------------------- warnings: settings that narrow detection

    @Test
    void theDefaultsNarrowNothing() {
        assertThat(ConfigWarnings.of(ConfigLoader.defaults())).isEmpty();
        assertThat(ConfigWarnings.of(ConfigLoader.parse("""
                detectors:
                  enabled: [%s]
                  allowList:
                    values: ["4539 1488 0343 6467"]
                    regexes: ["TEST-[0-9]{4}", "4111 1111 1111 1111", "ORDER-[0-9]{6,12}"]
                policy:
                  maxUnmaskedRecords: 5
                  maxUnmaskedFraction: 0.01
                  perType:
                    CREDIT_CARD_NUMBER: {maxUnmaskedRecords: 0, maxUnmaskedFraction: 0.001}
                    PHONE_NUMBER: {maxUnmaskedRecords: 5}
                """.formatted(String.join(", ", DetectorRegistry.load().builtInIds())), "strict.yaml"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "detectors:\\n  enabled: [card_luhn_v2, email_v2]|detectors.enabled|ssn_v2, iban_mod97_v2, phone_libphonenumber_v4, redaction_token_v3",
        "policy:\\n  tolerate: [PARTIAL/TRUNCATED, SKIPPED]|policy.tolerate|PARTIAL/TRUNCATED, SKIPPED",
        "policy:\\n  perType:\\n    PHONE_NUMBER: {maxUnmaskedRecords: 3}|policy.perType.PHONE_NUMBER.maxUnmaskedRecords|more than the overall limit of 0",
        "policy:\\n  maxUnmaskedFraction: 0.001\\n  perType:\\n    IBAN: {maxUnmaskedFraction: 0.5}|policy.perType.IBAN.maxUnmaskedFraction|more than the overall limit of 0.001",
        "detectors:\\n  allowList:\\n    regexes: ['TEST-[0-9]+', '.*']|detectors.allowList.regexes[1]|matches the empty string",
        "detectors:\\n  allowList:\\n    regexes: ['(x)?']|detectors.allowList.regexes[0]|matches the empty string",
        "detectors:\\n  allowList:\\n    regexes: ['[0-9 -]{13,23}']|detectors.allowList.regexes[0]|allows valid CREDIT_CARD_NUMBER",
        "detectors:\\n  allowList:\\n    regexes: ['[0-9]{16}']|detectors.allowList.regexes[0]|allows valid CREDIT_CARD_NUMBER",
        "detectors:\\n  allowList:\\n    regexes: ['[0-9]{3}-[0-9]{2}-[0-9]{4}']|detectors.allowList.regexes[0]|allows valid USA_SOCIAL_SECURITY_NUMBER",
        "detectors:\\n  allowList:\\n    regexes: ['DE[0-9 ]+']|detectors.allowList.regexes[0]|allows valid IBAN",
        "detectors:\\n  allowList:\\n    regexes: ['[+][0-9 ]+']|detectors.allowList.regexes[0]|allows valid PHONE_NUMBER",
        "detectors:\\n  allowList:\\n    regexes: ['[a-z0-9.]+@posteo[.]de']|detectors.allowList.regexes[0]|allows valid EMAIL_ADDRESS",
        "detectors:\\n  allowList:\\n    regexes: ['.+@.+']|detectors.allowList.regexes[0]|allows valid EMAIL_ADDRESS",
    })
    void aSettingThatNarrowsDetectionIsWarnedAboutByKeyWithoutItsValue(String yaml, String key, String expected) {
        Config config = ConfigLoader.parse(yaml.replace("\\n", "\n"), "narrow.yaml");
        List<ConfigWarning> warnings = ConfigWarnings.of(config);
        assertThat(warnings).extracting(ConfigWarning::key).containsExactly(key);
        assertThat(warnings.get(0).message()).contains(expected);
        for (String regex : ConfigLoader.allowListRegexes(config.yaml())) {
            assertThat(warnings.get(0).message()).doesNotContain(regex);
        }
    }

    @Test
    void everyProbeValueIsFoundByTheBuiltInDetectorsSoTheAllowListTestCanFail() {
        TextScanner all = TextScanner.create(DetectorSettings.defaults());
        Set<String> types = new TreeSet<>();
        for (String text : ConfigWarnings.ProbeValues.texts()) {
            List<Finding> found = all.scan(text, null).stream().filter(Finding::isUnmasked).toList();
            assertThat(found).as(text).hasSize(1);
            types.add(found.get(0).type().name());
        }
        assertThat(types).containsExactly("CREDIT_CARD_NUMBER", "EMAIL_ADDRESS", "IBAN", "PHONE_NUMBER",
                "USA_SOCIAL_SECURITY_NUMBER");
    }

    @Test
    void severalNarrowingSettingsGiveOneWarningEachInKeyOrder() {
        Config config = ConfigLoader.parse("""
                detectors:
                  enabled: [card_luhn_v2]
                  allowList:
                    regexes: ["[0-9]{3}-[0-9]{2}-[0-9]{4}", "TEST-1"]
                policy:
                  tolerate: [PARTIAL]
                """, "several.yaml");
        assertThat(ConfigWarnings.of(config)).extracting(ConfigWarning::key).containsExactly("detectors.enabled",
                "detectors.allowList.regexes[0]", "policy.tolerate");
    }
}
