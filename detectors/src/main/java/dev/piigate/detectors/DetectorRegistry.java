package dev.piigate.detectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import dev.piigate.detectors.card.CardDetector;
import dev.piigate.detectors.custom.CustomIdentifierDetector;
import dev.piigate.detectors.dob.DateOfBirthDetector;
import dev.piigate.detectors.email.EmailDetector;
import dev.piigate.detectors.iban.IbanDetector;
import dev.piigate.detectors.ip.IpAddressDetector;
import dev.piigate.detectors.national.AadhaarDetector;
import dev.piigate.detectors.national.BrazilCpfDetector;
import dev.piigate.detectors.national.CanadaSinDetector;
import dev.piigate.detectors.national.FranceNirDetector;
import dev.piigate.detectors.national.IndiaPanDetector;
import dev.piigate.detectors.national.ItalyFiscalCodeDetector;
import dev.piigate.detectors.national.MexicoCurpDetector;
import dev.piigate.detectors.national.SpainIdDetector;
import dev.piigate.detectors.national.UkNinoDetector;
import dev.piigate.detectors.national.UsItinDetector;
import dev.piigate.detectors.phone.PhoneDetector;
import dev.piigate.detectors.redaction.RedactionTokenDetector;
import dev.piigate.detectors.secrets.AwsKeyDetector;
import dev.piigate.detectors.secrets.BasicAuthDetector;
import dev.piigate.detectors.secrets.GcpApiKeyDetector;
import dev.piigate.detectors.secrets.GitHubTokenDetector;
import dev.piigate.detectors.secrets.GitLabTokenDetector;
import dev.piigate.detectors.secrets.HuggingFaceTokenDetector;
import dev.piigate.detectors.secrets.JwtDetector;
import dev.piigate.detectors.secrets.NpmTokenDetector;
import dev.piigate.detectors.secrets.OpenAiKeyDetector;
import dev.piigate.detectors.secrets.PrivateKeyDetector;
import dev.piigate.detectors.secrets.SlackTokenDetector;
import dev.piigate.detectors.secrets.StripeKeyDetector;
import dev.piigate.detectors.secrets.UrlCredentialsDetector;
import dev.piigate.detectors.ssn.SsnDetector;

/**
 * The one place detectors are registered. Built-ins are listed here explicitly; detectors from
 * other jars come through {@link ServiceLoader} and run only when enabled by id.
 */
public final class DetectorRegistry {
    /** The built-in detectors, in the order they run. Adding a detector means one line here. */
    static final List<DetectorFactory> BUILT_IN = List.of(
            CardDetector.FACTORY,
            SsnDetector.FACTORY,
            IbanDetector.FACTORY,
            PhoneDetector.FACTORY,
            EmailDetector.FACTORY,
            RedactionTokenDetector.FACTORY,
            AwsKeyDetector.FACTORY,
            GitHubTokenDetector.FACTORY,
            GitLabTokenDetector.FACTORY,
            SlackTokenDetector.FACTORY,
            GcpApiKeyDetector.FACTORY,
            OpenAiKeyDetector.FACTORY,
            HuggingFaceTokenDetector.FACTORY,
            NpmTokenDetector.FACTORY,
            StripeKeyDetector.FACTORY,
            JwtDetector.FACTORY,
            PrivateKeyDetector.FACTORY,
            BasicAuthDetector.FACTORY,
            UrlCredentialsDetector.FACTORY,
            UkNinoDetector.FACTORY,
            CanadaSinDetector.FACTORY,
            AadhaarDetector.FACTORY,
            IndiaPanDetector.FACTORY,
            UsItinDetector.FACTORY,
            BrazilCpfDetector.FACTORY,
            SpainIdDetector.FACTORY,
            FranceNirDetector.FACTORY,
            ItalyFiscalCodeDetector.FACTORY,
            MexicoCurpDetector.FACTORY,
            IpAddressDetector.FACTORY,
            DateOfBirthDetector.FACTORY);

    /**
     * Ids of built-ins whose findings changed, with the id that replaced them: a configuration that
     * names an old id is told which one to write, not only that the id is unknown. v1 -> v2: the
     * shared text layer of the fail-open fixes (script-change boundaries, invisible characters,
     * percent-decoded views, keywords in identifiers and other languages, overlap rules).
     * redaction_token v2 -> v3: a token for every type the built-ins report, and the hashed form.
     * phone_libphonenumber v2 -> v3: a pre-check of pii-gate's own in front of libphonenumber's
     * EXACT_GROUPING search (its rules restated, tested against it, not proven equal).
     */
    static final Map<String, String> RETIRED = Map.of(
            "card_luhn_v1", CardDetector.ID,
            "ssn_v1", SsnDetector.ID,
            "iban_mod97_v1", IbanDetector.ID,
            "phone_libphonenumber_v1", PhoneDetector.ID,
            "email_v1", EmailDetector.ID,
            "redaction_token_v1", RedactionTokenDetector.ID,
            "redaction_token_v2", RedactionTokenDetector.ID,
            "phone_libphonenumber_v2", PhoneDetector.ID);

    private final Map<String, DetectorFactory> factories;
    private final List<String> builtInIds;

    private DetectorRegistry(Map<String, DetectorFactory> factories, List<String> builtInIds) {
        this.factories = factories;
        this.builtInIds = builtInIds;
    }

    /** Built-ins plus every {@link DetectorFactory} on the class path. */
    public static DetectorRegistry load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    public static DetectorRegistry load(ClassLoader loader) {
        Map<String, DetectorFactory> all = new LinkedHashMap<>();
        List<String> builtIns = new ArrayList<>();
        for (DetectorFactory f : BUILT_IN) {
            all.put(f.id(), f);
            builtIns.add(f.id());
        }
        for (DetectorFactory f : ServiceLoader.load(DetectorFactory.class, loader)) {
            DetectorFactory clash = all.putIfAbsent(f.id(), f);
            if (clash != null && clash.getClass() != f.getClass()) {
                throw new IllegalStateException("two detectors claim the id '" + f.id() + "': "
                        + clash.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return new DetectorRegistry(Map.copyOf(all), List.copyOf(builtIns));
    }

    /** Every id known: built-ins first, then detectors found on the class path, sorted. */
    public List<String> knownIds() {
        List<String> ids = new ArrayList<>(builtInIds);
        factories.keySet().stream().filter(id -> !builtInIds.contains(id)).sorted().forEach(ids::add);
        return ids;
    }

    public List<String> builtInIds() {
        return builtInIds;
    }

    /**
     * Builds the enabled detectors (every built-in when none is named) plus one per custom
     * identifier.
     *
     * @throws IllegalArgumentException for an unknown id, listing the known ones
     */
    public List<Detector> create(DetectorSettings settings) {
        List<String> ids = settings.enabled().isEmpty() ? builtInIds : settings.enabled();
        List<Detector> detectors = new ArrayList<>();
        for (String id : ids) {
            DetectorFactory f = factories.get(id);
            if (f == null && RETIRED.containsKey(id)) {
                throw new IllegalArgumentException("detector id '" + id + "' was replaced by '" + RETIRED.get(id)
                        + "' (its findings changed); write the new id");
            }
            if (f == null) {
                throw new IllegalArgumentException("unknown detector id '" + id + "'; known ids: "
                        + String.join(", ", knownIds()));
            }
            detectors.add(f.create(settings));
        }
        for (CustomIdentifier c : settings.customIdentifiers()) {
            detectors.add(new CustomIdentifierDetector(c));
        }
        return List.copyOf(detectors);
    }
}
