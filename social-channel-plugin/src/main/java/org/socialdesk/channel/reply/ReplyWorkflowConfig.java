package org.socialdesk.channel.reply;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.socialdesk.api.enrich.Influence;

/**
 * The reply workflow's section, {@code plugins.social-channel.reply}. Every key is optional; an
 * absent key takes the default named in its Javadoc.
 *
 * @param dm the {@code /dm} command ({@code dm})
 * @param approval when a reply waits for a supervisor ({@code approval})
 * @param personalData personal data in public replies ({@code personal-data})
 * @param signature the agent's signature ({@code signature})
 * @param length replies longer than the network allows ({@code length})
 */
public record ReplyWorkflowConfig(
    DmConfig dm,
    ApprovalConfig approval,
    PersonalDataConfig personalData,
    SignatureConfig signature,
    LengthConfig length) {

  public ReplyWorkflowConfig {
    dm = dm != null ? dm : new DmConfig(null, null);
    approval = approval != null ? approval : new ApprovalConfig(null, null, null, null);
    personalData =
        personalData != null ? personalData : new PersonalDataConfig(null, null, null, null, null);
    signature = signature != null ? signature : new SignatureConfig(null, null);
    length = length != null ? length : new LengthConfig(null, null);
  }

  /** Every key at its default. */
  public static ReplyWorkflowConfig defaults() {
    return new ReplyWorkflowConfig(null, null, null, null, null);
  }

  /**
   * The {@code /dm} command: a reply whose first line starts with {@code /dm} goes out as a private
   * message; {@code /dm+} also posts a short public note in the thread.
   *
   * @param publicNote {@code public-note}: the note {@code /dm+} posts; default "We've sent you a
   *     DM."
   * @param publicNotes {@code public-notes}: the note by ISO 639-1 language of the conversation
   *     (e.g. {@code th: "..."}), falling back to {@code public-note}; default none
   */
  public record DmConfig(String publicNote, Map<String, String> publicNotes) {
    public DmConfig {
      publicNote =
          publicNote != null && !publicNote.isBlank() ? publicNote : "We've sent you a DM.";
      Map<String, String> byLanguage = new LinkedHashMap<>();
      if (publicNotes != null) {
        publicNotes.forEach(
            (language, note) -> byLanguage.put(language.toLowerCase(Locale.ROOT), note));
      }
      publicNotes = Map.copyOf(byLanguage);
    }

    /** The note for a conversation in {@code language} (may be null). */
    String noteFor(String language) {
      return language == null
          ? publicNote
          : publicNotes.getOrDefault(language.toLowerCase(Locale.ROOT), publicNote);
    }
  }

  /**
   * When a reply waits for a supervisor's approval; any rule that matches is enough. With the
   * defaults no reply needs approval.
   *
   * @param influenceTiers {@code influence-tiers}: the author's influence tiers ({@code low},
   *     {@code medium}, {@code high}, {@code vip}) whose replies need approval; default none
   * @param negativeSentiment {@code negative-sentiment}: whether replies in conversations tagged
   *     negative need approval; default false
   * @param crisisField {@code crisis-field}: an enrichment field (e.g. {@code Crisis}) that, set to
   *     anything but empty, {@code false}, {@code no}, {@code off} or {@code 0}, makes replies need
   *     approval; default none
   * @param newAgents {@code new-agents}: agents' login names whose replies need approval; default
   *     none
   */
  public record ApprovalConfig(
      List<String> influenceTiers,
      Boolean negativeSentiment,
      String crisisField,
      List<String> newAgents) {
    public ApprovalConfig {
      influenceTiers = influenceTiers != null ? List.copyOf(influenceTiers) : List.of();
      for (String tier : influenceTiers) {
        tier(tier);
      }
      negativeSentiment = negativeSentiment != null ? negativeSentiment : false;
      crisisField = crisisField != null ? crisisField.strip() : "";
      newAgents = newAgents != null ? List.copyOf(newAgents) : List.of();
    }

    Set<Influence.Tier> tiers() {
      return Set.copyOf(influenceTiers.stream().map(ApprovalConfig::tier).toList());
    }

    private static Influence.Tier tier(String name) {
      for (Influence.Tier tier : Influence.Tier.values()) {
        if (tier.wireName().equals(name)) {
          return tier;
        }
      }
      throw new IllegalArgumentException(
          "influence-tiers: unknown tier '" + name + "'; use low, medium, high or vip");
    }
  }

  /**
   * Personal data in public replies.
   *
   * @param checks {@code checks}: which built-in recognisers run, of {@code email}, {@code phone},
   *     {@code card} (13-19 digits, Luhn-checked) and {@code iban} (mod-97); default all four; an
   *     empty list turns the check off unless {@code patterns} are set
   * @param defaultRegion {@code default-region}: the region (ISO 3166 code) phone numbers without a
   *     country code are read in, when the conversation's language maps to none; default US
   * @param regions {@code regions}: region by ISO 639-1 language of the conversation, added to and
   *     overriding the built-in map (th: TH, fa: IR, ar: SA, ja: JP, de: DE, ...)
   * @param patterns {@code patterns}: further kinds by name, each a Java regular expression matched
   *     against the text with every digit turned into ASCII (so {@code \d} matches Thai or Persian
   *     digits too), e.g. {@code order-number: "ORD-\\d{6}"}; default none
   * @param mask {@code mask}: how many trailing characters a finding shows, after "••••"; default 4
   * @param phoneRegions {@code phone-regions}: every region (ISO 3166 code) whose phone numbers are
   *     looked for in every public reply, besides the region of the conversation's language, e.g.
   *     {@code [TH, IR, US]}: a customer may give a Thai number in an English conversation; default
   *     the regions of the languages set under {@code regions} plus {@code default-region}
   */
  public record PersonalDataConfig(
      List<String> checks,
      String defaultRegion,
      Map<String, String> regions,
      Map<String, String> patterns,
      Integer mask,
      List<String> phoneRegions) {

    static final List<String> ALL_CHECKS = List.of("email", "phone", "card", "iban");

    private static final Map<String, String> BUILT_IN_REGIONS =
        Map.ofEntries(
            Map.entry("en", "US"),
            Map.entry("th", "TH"),
            Map.entry("fa", "IR"),
            Map.entry("ar", "SA"),
            Map.entry("ja", "JP"),
            Map.entry("ko", "KR"),
            Map.entry("zh", "CN"),
            Map.entry("de", "DE"),
            Map.entry("fr", "FR"),
            Map.entry("es", "ES"),
            Map.entry("it", "IT"),
            Map.entry("nl", "NL"),
            Map.entry("pt", "BR"),
            Map.entry("pl", "PL"),
            Map.entry("tr", "TR"),
            Map.entry("ru", "RU"),
            Map.entry("uk", "UA"),
            Map.entry("id", "ID"),
            Map.entry("ms", "MY"),
            Map.entry("vi", "VN"),
            Map.entry("hi", "IN"),
            Map.entry("he", "IL"),
            Map.entry("sv", "SE"),
            Map.entry("da", "DK"),
            Map.entry("nb", "NO"),
            Map.entry("fi", "FI"),
            Map.entry("el", "GR"),
            Map.entry("cs", "CZ"));

    public PersonalDataConfig {
      checks = checks != null ? List.copyOf(checks) : ALL_CHECKS;
      for (String check : checks) {
        if (!ALL_CHECKS.contains(check)) {
          throw new IllegalArgumentException(
              "checks: unknown check '" + check + "'; use " + String.join(", ", ALL_CHECKS));
        }
      }
      defaultRegion = region(defaultRegion != null ? defaultRegion : "US", "default-region");
      Map<String, String> merged = new LinkedHashMap<>(BUILT_IN_REGIONS);
      Set<String> served = new LinkedHashSet<>();
      if (regions != null) {
        regions.forEach(
            (language, region) -> {
              String code = region(region, "regions." + language);
              merged.put(language.toLowerCase(Locale.ROOT), code);
              served.add(code);
            });
      }
      regions = Map.copyOf(merged);
      if (phoneRegions != null) {
        served.clear();
        phoneRegions.forEach(region -> served.add(region(region, "phone-regions")));
      }
      served.add(defaultRegion);
      phoneRegions = List.copyOf(served);
      patterns = patterns != null ? Map.copyOf(patterns) : Map.of();
      patterns.forEach(PersonalDataConfig::compile);
      mask = mask != null ? mask : 4;
      if (mask < 0 || mask > 8) {
        throw new IllegalArgumentException("mask must be within 0..8, got " + mask);
      }
    }

    public PersonalDataConfig(
        List<String> checks,
        String defaultRegion,
        Map<String, String> regions,
        Map<String, String> patterns,
        Integer mask) {
      this(checks, defaultRegion, regions, patterns, mask, null);
    }

    /** The phone region for a conversation in {@code language} (may be null). */
    String regionFor(String language) {
      return language == null
          ? defaultRegion
          : regions.getOrDefault(language.toLowerCase(Locale.ROOT), defaultRegion);
    }

    /**
     * Every region whose phone numbers are looked for in a conversation in {@code language}: its
     * own first.
     */
    List<String> phoneRegionsFor(String language) {
      Set<String> all = new LinkedHashSet<>();
      all.add(regionFor(language));
      all.addAll(phoneRegions);
      return List.copyOf(all);
    }

    static Pattern compile(String kind, String regex) {
      if (kind.isBlank() || regex == null || regex.isBlank()) {
        throw new IllegalArgumentException(
            "patterns: '" + kind + "' needs a name and a regular expression");
      }
      try {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "patterns." + kind + " is not a regular expression: " + e.getDescription(), e);
      }
    }

    private static String region(String region, String key) {
      String upper = region.strip().toUpperCase(Locale.ROOT);
      if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(upper)) {
        throw new IllegalArgumentException(
            key
                + ": '"
                + region
                + "' is not a region libphonenumber knows (ISO 3166 code, e.g. US, TH)");
      }
      return upper;
    }
  }

  /**
   * The agent's signature, appended to the reply (to the last post of a split one).
   *
   * @param template {@code template}: the signature, with {@code {login}} (the agent's login name)
   *     and {@code {short}} (the agent's entry in {@code names}, else the login name), e.g. {@code
   *     " ^{short}"} or {@code " — {short}"}; include the leading space; default empty: no
   *     signature
   * @param names {@code names}: short name or initials by login name, e.g. {@code anna.berg: AB};
   *     default none
   */
  public record SignatureConfig(String template, Map<String, String> names) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    public SignatureConfig {
      template = template != null ? template : "";
      names = names != null ? Map.copyOf(names) : Map.of();
      PLACEHOLDER
          .matcher(template)
          .results()
          .map(m -> m.group(1))
          .forEach(
              name -> {
                if (!name.equals("login") && !name.equals("short")) {
                  throw new IllegalArgumentException(
                      "template: unknown placeholder {" + name + "}; use {login} or {short}");
                }
              });
    }
  }

  /**
   * Replies longer than the network allows.
   *
   * @param mode {@code mode}: {@code split} makes a numbered thread ("1/3 ...") of a long reply;
   *     {@code refuse} holds it for the agent to shorten; default split
   * @param maxParts {@code max-parts}: the most posts a split reply may take; a longer one is held;
   *     default 4
   */
  public record LengthConfig(String mode, Integer maxParts) {
    public LengthConfig {
      mode = mode != null ? mode.strip().toLowerCase(Locale.ROOT) : "split";
      if (!mode.equals("split") && !mode.equals("refuse")) {
        throw new IllegalArgumentException("mode: '" + mode + "' is neither split nor refuse");
      }
      maxParts = maxParts != null ? maxParts : 4;
      if (maxParts < 1 || maxParts > 99) {
        throw new IllegalArgumentException("max-parts must be within 1..99, got " + maxParts);
      }
    }

    boolean splits() {
      return mode.equals("split");
    }
  }
}
