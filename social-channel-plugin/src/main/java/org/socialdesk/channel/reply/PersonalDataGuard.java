package org.socialdesk.channel.reply;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.PersonalDataConfig;

/**
 * Finds personal data in a reply, after the manner of Presidio's recognisers: card numbers (13-19
 * digits, single spaces or dashes between groups, Luhn-checked), IBANs (mod-97), email addresses,
 * phone numbers (libphonenumber, {@link Leniency#VALID}, read in the customer's region) and
 * configured patterns. Digits of any script count: the text is searched with its digits turned into
 * ASCII, and findings point back into the original text. Ordinary numbers (prices, years, "3 days")
 * are not valid phone, card or IBAN numbers and are not found.
 */
final class PersonalDataGuard {

  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern DIGIT_RUN = Pattern.compile("\\d+(?:[ -]\\d+)*");
  private static final Pattern IBAN =
      Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+[A-Za-z]{2,63}(?![A-Za-z])");
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private final PersonalDataConfig config;
  private final Map<String, Pattern> patterns;

  PersonalDataGuard(PersonalDataConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    Map<String, Pattern> compiled = new LinkedHashMap<>();
    config.patterns().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> compiled.put(e.getKey(), PersonalDataConfig.compile(e.getKey(), e.getValue())));
    this.patterns = compiled;
  }

  /** Whether any recogniser is on. */
  boolean enabled() {
    return !config.checks().isEmpty() || !patterns.isEmpty();
  }

  /**
   * The personal data in {@code text}, in order of position, not overlapping.
   *
   * @param region where phone numbers without a country code are read (ISO 3166, e.g. TH); null for
   *     the configured default
   */
  List<Finding> find(String text, String region) {
    return find(text, List.of(region != null ? region : config.defaultRegion()));
  }

  /**
   * The personal data in {@code text}, in order of position, not overlapping.
   *
   * @param regions every region whose phone numbers are looked for (ISO 3166), the likeliest first
   */
  List<Finding> find(String text, List<String> regions) {
    DigitNormalisedText normalised = DigitNormalisedText.of(text);
    String ascii = normalised.text();
    List<Candidate> found = new ArrayList<>();
    if (config.checks().contains("card")) {
      cards(ascii, found);
    }
    if (config.checks().contains("iban")) {
      ibans(ascii, found);
    }
    if (config.checks().contains("email")) {
      Matcher email = EMAIL.matcher(ascii);
      while (email.find()) {
        add(found, new Candidate("email", email.start(), email.end(), maskEmail(email.group())));
      }
    }
    patterns.forEach(
        (kind, pattern) -> {
          Matcher matcher = pattern.matcher(ascii);
          while (matcher.find()) {
            if (matcher.end() > matcher.start()) {
              add(
                  found,
                  new Candidate(
                      kind,
                      matcher.start(),
                      matcher.end(),
                      mask(matcher.group().replaceAll("\\s", ""))));
            }
          }
        });
    if (config.checks().contains("phone")) {
      for (String region : regions) {
        phones(ascii, region, found);
      }
    }
    return found.stream()
        .sorted(Comparator.comparingInt(Candidate::start))
        .map(
            c -> {
              TextSpan span = normalised.original(c.start(), c.end());
              return new Finding(c.kind(), c.masked(), span.start(), span.end());
            })
        .toList();
  }

  private void cards(String ascii, List<Candidate> found) {
    Matcher run = DIGIT_RUN.matcher(ascii);
    while (run.find()) {
      if (run.start() > 0 && Character.isLetterOrDigit(ascii.charAt(run.start() - 1))) {
        continue;
      }
      longestCard(ascii, run.start(), run.end()).ifPresent(c -> add(found, c));
    }
  }

  /** The longest span of whole digit groups within a run that is a plausible card number. */
  private Optional<Candidate> longestCard(String ascii, int runStart, int runEnd) {
    List<int[]> groups = new ArrayList<>();
    Matcher group = DIGITS.matcher(ascii).region(runStart, runEnd);
    while (group.find()) {
      groups.add(new int[] {group.start(), group.end()});
    }
    Candidate best = null;
    for (int first = 0; first < groups.size(); first++) {
      for (int last = groups.size() - 1; last >= first; last--) {
        int start = groups.get(first)[0];
        int end = groups.get(last)[1];
        String digits = ascii.substring(start, end).replaceAll("\\D", "");
        if (digits.length() >= 13
            && digits.length() <= 19
            && luhn(digits)
            && !sameDigit(digits)
            && (best == null || end - start > best.end() - best.start())) {
          best = new Candidate("card", start, end, mask(digits));
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private void ibans(String ascii, List<Candidate> found) {
    Matcher iban = IBAN.matcher(ascii);
    while (iban.find()) {
      int end = iban.end();
      while (end > iban.start()) {
        String compact = ascii.substring(iban.start(), end).replace(" ", "");
        if (compact.length() >= 15 && compact.length() <= 34 && mod97(compact)) {
          add(found, new Candidate("iban", iban.start(), end, mask(compact)));
          break;
        }
        int space = ascii.lastIndexOf(' ', end - 1);
        end = space > iban.start() ? space : iban.start();
      }
    }
  }

  private void phones(String ascii, String region, List<Candidate> found) {
    Iterable<PhoneNumberMatch> matches =
        PhoneNumberUtil.getInstance().findNumbers(ascii, region, Leniency.VALID, Long.MAX_VALUE);
    for (PhoneNumberMatch match : matches) {
      String digits = match.rawString().replaceAll("\\D", "");
      add(found, new Candidate("phone", match.start(), match.end(), mask(digits)));
    }
  }

  private static void add(List<Candidate> found, Candidate candidate) {
    boolean overlaps =
        found.stream().anyMatch(c -> c.start() < candidate.end() && candidate.start() < c.end());
    if (!overlaps) {
      found.add(candidate);
    }
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  static boolean mod97(String iban) {
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder numeric = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }

  private static boolean sameDigit(String digits) {
    return digits.chars().distinct().count() == 1;
  }

  private String mask(String value) {
    int shown = Math.min(config.mask(), value.length() / 2);
    return shown == 0 ? "••••" : "•••• " + value.substring(value.length() - shown);
  }

  private static String maskEmail(String email) {
    int at = email.lastIndexOf('@');
    return email.substring(0, email.offsetByCodePoints(0, 1)) + "•••" + email.substring(at);
  }

  private record Candidate(String kind, int start, int end, String masked) {}
}
