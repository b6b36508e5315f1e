/**
 * Staff administration: invitations, roles, deactivation, the audit log, and the first
 * admin of a new shop. ADMIN only.
 */
package io.microdrops.admin.staff;
