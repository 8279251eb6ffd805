/**
 * Language detection for short, noisy social text ({@link
 * org.socialdesk.sentiment.language.LanguageDetector}): script first (Thai, Arabic against Persian
 * letters, ...), romanised Hindi by its function words, then Lingua's character n-gram tables among
 * the configured languages. Answers ISO 639-1 codes.
 */
package org.socialdesk.sentiment.language;
