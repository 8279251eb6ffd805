/**
 * The ticket priority computed from sentiment, influence and intent by a documented, configurable
 * rule ({@link org.socialdesk.sentiment.priority.PriorityRule}).
 */
package org.socialdesk.sentiment.priority;
