/**
 * How document jobs appear in the audit log: resource type `document_job`, resource id the
 * job id. Ids only, never file names or contents.
 * @module
 */

/** The audit `resource_type` of a document job. */
export const JOB_RESOURCE_TYPE = 'document_job';
