/**
 * The post's intent (complaint, question, praise, purchase intent, spam), from cue words in the
 * languages the plugin reads and the sentiment ({@link
 * org.socialdesk.sentiment.intent.IntentClassifier}).
 */
package org.socialdesk.sentiment.intent;
