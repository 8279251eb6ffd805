/**
 * The sentiment model: text normalisation and hashed features ({@link
 * org.socialdesk.sentiment.model.FeatureExtractor}), the multinomial logistic regression that reads
 * them ({@link org.socialdesk.sentiment.model.SentimentModel}), its reproducible training ({@link
 * org.socialdesk.sentiment.model.SentimentTrainer}, run by the developer tools of sentiment-tools/,
 * which the plugin's jar does not carry) and evaluation. See {@code
 * sentiment-plugin/docs/model-card.md}.
 */
package org.socialdesk.sentiment.model;
