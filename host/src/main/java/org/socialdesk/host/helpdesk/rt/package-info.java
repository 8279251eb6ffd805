/**
 * Request Tracker 5 over REST2: provisioning of the social queue and its custom fields, and the
 * {@link org.socialdesk.api.helpdesk.HelpdeskGateway} that creates tickets, appends posts and reads
 * agents' replies. REST2 answers 200/201 while silently dropping what it did not like, so every
 * write that matters is read back and checked.
 */
package org.socialdesk.host.helpdesk.rt;
