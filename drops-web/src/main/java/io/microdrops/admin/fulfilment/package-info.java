/**
 * Merchandisers' fulfilment settings of a drop: units per hub and the packing note.
 */
package io.microdrops.admin.fulfilment;
