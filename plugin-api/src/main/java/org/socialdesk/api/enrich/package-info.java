/** Enrichment: what plugins learn about a post before its ticket is created. */
package org.socialdesk.api.enrich;
