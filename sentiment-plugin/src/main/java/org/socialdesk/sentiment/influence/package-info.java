/**
 * The author's influence: an explainable score and tier from what the network gives (followers,
 * verified, engagement, listed count, account age), the admin's VIP list and the author's history
 * with the brand ({@link org.socialdesk.sentiment.influence.InfluenceScorer}).
 */
package org.socialdesk.sentiment.influence;
